using Shop.Notifications;

namespace Shop.Tests.Unit;

public sealed class EmailAddressesTests
{
    [Theory]
    [InlineData("name@example.com")]
    [InlineData("  name@example.com ")]
    [InlineData("o'brien@example.com")]
    [InlineData("first.last+shop@sub.example.co.uk")]
    public void ABareAddressIsAccepted(string email) => Assert.True(EmailAddresses.IsSingleAddress(email));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" @example.com")] // passed the old check untrimmed, and became "@example.com"
    [InlineData("name@")]
    [InlineData("name")]
    [InlineData("A <victim@example.com>")] // the same inbox under another spelling
    [InlineData("<victim@example.com>")]
    [InlineData("a@example.com, b@example.com")]
    [InlineData("friends: a@example.com;")]
    [InlineData("name@exa mple.com")]
    public void AnythingElseIsRefused(string? email) => Assert.False(EmailAddresses.IsSingleAddress(email));
}
