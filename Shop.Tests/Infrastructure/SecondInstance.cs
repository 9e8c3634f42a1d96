using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
namespace Shop.Tests.Infrastructure;

/// <summary>
/// Another instance of one of the topology's services beside the AppHost's, as a second replica would run: the same
/// build, the same environment the AppHost gives that service (services, Redis, settings), on a port of its own,
/// with whatever settings a test changes.
/// </summary>
public sealed class SecondInstance : IAsyncDisposable
{
    private readonly Process _process;

    private SecondInstance(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    /// <param name="resource">The service's resource name in the AppHost, such as <c>webapp</c>.</param>
    /// <param name="hostingEnvironment">Its hosting environment: Production runs the error pages a store's visitors see.</param>
    /// <param name="settings">Environment variables set over the AppHost's, such as a payment provider's keys.</param>
    public static async Task<SecondInstance> StartAsync(ShopAppFixture shop, string resource, string host, CancellationToken ct,
        string hostingEnvironment = "Development", IReadOnlyDictionary<string, string>? settings = null)
    {
        var (service, environment) = await shop.ServiceEnvironmentAsync(resource);
        var projectPath = service.GetProjectMetadata().ProjectPath;
        var projectFolder = Path.GetDirectoryName(projectPath)!;
        // The tests' own build configuration (bin/<configuration>/net10.0), which built the service too.
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;
        var url = new Uri($"http://{host}:{FreePort()}");
        var assembly = Path.GetFileNameWithoutExtension(projectPath) + ".dll";
        var start = new ProcessStartInfo("dotnet", [Path.Combine(projectFolder, "bin", configuration, "net10.0", assembly)])
        {
            WorkingDirectory = projectFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = url.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = hostingEnvironment;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var instance = new SecondInstance(process, url);
        using var client = new HttpClient { BaseAddress = url };
        var alive = await Eventually.WaitForAsync(async () =>
        {
            try
            {
                using var response = await client.GetAsync("/alive", ct);
                return response.StatusCode;
            }
            catch (HttpRequestException)
            {
                return HttpStatusCode.ServiceUnavailable;
            }
        }, status => status == HttpStatusCode.OK || process.HasExited, TimeSpan.FromMinutes(2));
        if (alive != HttpStatusCode.OK)
        {
            await instance.DisposeAsync();
            throw new InvalidOperationException($"The second {resource} did not start.");
        }

        return instance;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
