using Shop.IdentityApi.Domain;

namespace Shop.Tests.Unit;

public sealed class AddressBookTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly AddressFields Fields = new("Ada Lovelace", "12 St James Square", null, "London", null, "SW1Y 4JH", "gb", null);

    [Fact]
    public void TheFirstAddressOfEachKindIsItsDefault()
    {
        var book = new AddressBook(Guid.NewGuid(), []);

        var shipping = book.Add(AddressKind.Shipping, Fields, makeDefault: false, Now);
        var billing = book.Add(AddressKind.Billing, Fields, makeDefault: false, Now.AddMinutes(1));
        var second = book.Add(AddressKind.Shipping, Fields, makeDefault: false, Now.AddMinutes(2));

        Assert.True(shipping.IsDefault);
        Assert.True(billing.IsDefault);
        Assert.False(second.IsDefault);
        Assert.Equal("GB", shipping.Country);
    }

    [Fact]
    public void MakingAnotherTheDefaultTakesItFromThePreviousOneOfThatKindOnly()
    {
        var book = new AddressBook(Guid.NewGuid(), []);
        var first = book.Add(AddressKind.Shipping, Fields, makeDefault: false, Now);
        var billing = book.Add(AddressKind.Billing, Fields, makeDefault: false, Now.AddMinutes(1));

        var second = book.Add(AddressKind.Shipping, Fields, makeDefault: true, Now.AddMinutes(2));

        Assert.True(second.IsDefault);
        Assert.False(first.IsDefault);
        Assert.True(billing.IsDefault);
    }

    [Fact]
    public void WhenTheDefaultGoesTheNewestOtherOfItsKindTakesOver()
    {
        var book = new AddressBook(Guid.NewGuid(), []);
        var oldest = book.Add(AddressKind.Shipping, Fields, makeDefault: true, Now);
        var middle = book.Add(AddressKind.Shipping, Fields, makeDefault: false, Now.AddMinutes(1));
        var newest = book.Add(AddressKind.Shipping, Fields, makeDefault: false, Now.AddMinutes(2));

        book.Remove(oldest);

        Assert.True(newest.IsDefault);
        Assert.False(middle.IsDefault);
    }

    [Fact]
    public void MovingTheDefaultToTheOtherKindLeavesADefaultBehindAndUnsettingTheOnlyOneKeepsIt()
    {
        var book = new AddressBook(Guid.NewGuid(), []);
        var home = book.Add(AddressKind.Shipping, Fields, makeDefault: true, Now);
        var office = book.Add(AddressKind.Shipping, Fields, makeDefault: false, Now.AddMinutes(1));
        var billing = book.Add(AddressKind.Billing, Fields, makeDefault: false, Now.AddMinutes(2));

        book.Change(home, AddressKind.Billing, Fields, makeDefault: false);

        Assert.True(office.IsDefault);
        Assert.True(billing.IsDefault);
        Assert.False(home.IsDefault);

        book.Change(office, AddressKind.Shipping, Fields, makeDefault: false);
        Assert.True(office.IsDefault);
    }

    [Fact]
    public void ABookHasAtMostFiftyAddresses()
    {
        var book = new AddressBook(Guid.NewGuid(), []);
        for (var i = 0; i < AddressBook.MaxAddresses; i++)
        {
            book.Add(AddressKind.Shipping, Fields, makeDefault: false, Now.AddMinutes(i));
        }

        Assert.Throws<AddressBookFullException>(() => book.Add(AddressKind.Billing, Fields, makeDefault: false, Now));
    }
}
