using Shop.ServiceDefaults;

namespace Shop.Tests.Unit;

public sealed class ConnectionPoolsTests
{
    [Theory]
    [InlineData("Host=db;Database=catalog;Username=shop;Password=secret")]
    [InlineData("")]
    [InlineData(null)]
    public void APoolIsCappedWhereTheConnectionStringIsSilent(string? connectionString) =>
        Assert.Equal(ConnectionPools.DefaultMaxSize, ConnectionPools.MaxSizeFor(connectionString));

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=80", 80)]
    [InlineData("Host=db;max pool size=12", 12)]
    [InlineData("Host=db;MaxPoolSize=200;Database=orders", 200)]
    public void AnOperatorsPoolSizeStands(string connectionString, int size) =>
        Assert.Equal(size, ConnectionPools.MaxSizeFor(connectionString));
}
