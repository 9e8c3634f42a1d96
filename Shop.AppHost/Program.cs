using Shop.AppHost;
using Shop.AppHost.Local;

var builder = DistributedApplication.CreateBuilder(args);

try
{
    ShopTopology.Compose(builder);
}
catch (MissingServerBinaryException missing)
{
    // One clear message instead of a stack trace: it names the package that provides the server.
    Console.Error.WriteLine(missing.Message);
    return 1;
}

await builder.Build().RunAsync();
return 0;
