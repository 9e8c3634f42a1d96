namespace Shop.AppHost.Local;

/// <summary>Raised when a local server's program is not installed; the message says how to install it.</summary>
public sealed class MissingServerBinaryException(string message) : Exception(message);

/// <summary>Where Debian/Ubuntu packages put the servers' programs.</summary>
public static class ServerBinaries
{
    public static string Require(string path, string server, string debianPackage)
    {
        if (File.Exists(path))
        {
            return path;
        }

        throw new MissingServerBinaryException(
            $"{server} is not installed ({path} not found). Install it with 'sudo apt-get install -y {debianPackage}' " +
            "(./shop.sh run does this for you), or use containers (BackingServices:Mode=containers) or an existing " +
            "server (ConnectionStrings:<name>).");
    }

    /// <summary>The newest PostgreSQL under /usr/lib/postgresql, unless BackingServices:PostgresBinDirectory says otherwise.</summary>
    public static string PostgresBinDirectory(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        const string packagesRoot = "/usr/lib/postgresql";
        var newest = Directory.Exists(packagesRoot)
            ? Directory.GetDirectories(packagesRoot)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(d => d.Version > 0 && File.Exists(Path.Combine(d.Dir, "bin", "postgres")))
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Dir, "bin"))
                .FirstOrDefault()
            : null;
        return newest ?? Path.Combine(packagesRoot, "15", "bin");
    }
}
