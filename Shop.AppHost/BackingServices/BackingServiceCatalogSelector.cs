using Shop.AppHost.Local;

namespace Shop.AppHost.BackingServices;

public static class BackingServiceCatalogSelector
{
    /// <summary>Existing servers first, then containers or local servers, as the mode says; prints the choice.</summary>
    public static IBackingServiceCatalog Select(IDistributedApplicationBuilder builder)
    {
        var (mode, reason) = BackingServiceModeSelector.Select(builder);
        IBackingServiceCatalog started = mode switch
        {
            BackingServiceMode.Containers => new ContainerServers(builder),
            _ => new LocalServers(builder, LocalDataFolder.From(builder)),
        };

        if (builder.ExecutionContext.IsRunMode)
        {
            var where = mode == BackingServiceMode.Local ? $", data in {LocalDataFolder.From(builder).Root}" : "";
            Console.WriteLine($"Backing services: {mode.ToString().ToLowerInvariant()} ({reason}{where}); " +
                "a server named by ConnectionStrings:<name> is used as it is.");
        }

        return new ExistingServers(builder, started);
    }
}
