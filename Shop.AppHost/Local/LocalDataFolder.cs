using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Shop.AppHost.Local;

/// <summary>
/// The one git-ignored folder where local servers keep their data (and their generated passwords), so data
/// survives AppHost restarts. Deleting it resets every local server.
/// </summary>
public sealed class LocalDataFolder
{
    public const string ConfigurationKey = "BackingServices:DataPath";

    public string Root { get; }

    private LocalDataFolder(string root) => Root = root;

    /// <summary>The configured folder, or <c>.shop/data</c> at the repository root.</summary>
    public static LocalDataFolder From(IDistributedApplicationBuilder builder)
    {
        var configured = builder.Configuration[ConfigurationKey];
        var root = string.IsNullOrWhiteSpace(configured)
            ? Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".shop", "data"))
            : Path.GetFullPath(configured);
        Directory.CreateDirectory(root);
        return new LocalDataFolder(root);
    }

    public string Folder(params string[] parts)
    {
        var path = Path.Combine([Root, .. parts]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A random password made on first use and kept with the data it protects.</summary>
    public string Secret(string name)
    {
        var path = Path.Combine(Folder("secrets"), name);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return secret;
    }

    /// <summary>A short, stable tag for this folder, so two AppHosts (a dev run and a test run) never share a name.</summary>
    public string InstanceTag() =>
        Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Root)))[..8].ToLowerInvariant();

    /// <summary>A port free right now, for the few server ports Aspire does not manage (RabbitMQ's distribution port).</summary>
    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
