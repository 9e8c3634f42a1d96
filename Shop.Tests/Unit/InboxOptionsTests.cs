using Microsoft.Extensions.Options;
using Shop.Messaging.Inbox;

namespace Shop.Tests.Unit;

public sealed class InboxOptionsTests
{
    [Theory]
    [InlineData("00:10:00")] // shorter than any redelivery may take
    [InlineData("366.00:00:00")]
    public void ARetentionOutsideItsRangeIsRefusedWithItsName(string retention)
    {
        var result = Validate(new InboxOptions { Retention = TimeSpan.Parse(retention, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.True(result.Failed);
        Assert.Contains("Retention", result.FailureMessage);
    }

    [Fact]
    public void ACleanupIntervalOfZeroIsRefused()
    {
        var result = Validate(new InboxOptions { CleanupInterval = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("CleanupInterval", result.FailureMessage);
    }

    [Fact]
    public void TheDefaultsKeepAWeekAndCleanEveryTenMinutes()
    {
        var defaults = new InboxOptions();

        Assert.True(Validate(defaults).Succeeded);
        Assert.Equal(TimeSpan.FromDays(7), defaults.Retention);
        Assert.Equal(TimeSpan.FromMinutes(10), defaults.CleanupInterval);
    }

    private static ValidateOptionsResult Validate(InboxOptions options) =>
        new DataAnnotationValidateOptions<InboxOptions>(null).Validate(null, options);
}
