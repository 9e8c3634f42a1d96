using Shop.AppHost.Local;

namespace Shop.Tests.Unit;

public sealed class ServerBinariesTests
{
    [Fact]
    public void AMissingServerSaysWhichPackageInstallsIt()
    {
        var missing = Assert.Throws<MissingServerBinaryException>(() =>
            ServerBinaries.Require("/nonexistent/redis-server", "Redis", "redis-server"));

        Assert.Contains("apt-get install -y redis-server", missing.Message);
        Assert.Contains("/nonexistent/redis-server", missing.Message);
    }
}
