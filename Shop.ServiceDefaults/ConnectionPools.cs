using System.Data.Common;
using System.Globalization;

namespace Shop.ServiceDefaults;

/// <summary>
/// How many database connections a service's pool opens at most. PostgreSQL runs a process per connection, so a burst
/// of requests beyond what its cores can serve only adds processes to start and waiters on the rows everyone wants:
/// 200 checkouts at once opened 170 catalog connections and held the last unit's row long enough for calls to time
/// out. Past the cap, a request waits in the pool for a connection instead.
/// </summary>
public static class ConnectionPools
{
    public const int DefaultMaxSize = 30;

    /// <summary>The names Npgsql takes for the setting.</summary>
    private static readonly string[] MaxSizeKeywords = ["Maximum Pool Size", "Max Pool Size", "MaxPoolSize"];

    /// <summary>The maximum the connection string names (an operator's choice stands), else <see cref="DefaultMaxSize"/>.</summary>
    public static int MaxSizeFor(string? connectionString)
    {
        var named = new DbConnectionStringBuilder { ConnectionString = connectionString ?? "" };
        foreach (var keyword in MaxSizeKeywords)
        {
            if (named.TryGetValue(keyword, out var value) && int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture, out var size))
            {
                return size;
            }
        }

        return DefaultMaxSize;
    }
}
