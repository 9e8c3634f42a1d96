using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Storefront;

/// <summary>
/// Another instance of the storefront beside the topology's, as a second replica would run: the same build, the
/// same environment the AppHost gives the webapp (services, Redis, settings), on a port of its own.
/// </summary>
public sealed class SecondStorefront : IAsyncDisposable
{
    private readonly Process _process;

    private SecondStorefront(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    /// <param name="hostingEnvironment">Its hosting environment: Production runs the error pages a store's visitors see.</param>
    public static async Task<SecondStorefront> StartAsync(ShopAppFixture shop, string host, CancellationToken ct, string hostingEnvironment = "Development")
    {
        var (webapp, environment) = await shop.ServiceEnvironmentAsync("webapp");
        var projectFolder = Path.GetDirectoryName(webapp.GetProjectMetadata().ProjectPath)!;
        // The tests' own build configuration (bin/<configuration>/net10.0), which built the storefront too.
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;
        var url = new Uri($"http://{host}:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(projectFolder, "bin", configuration, "net10.0", "Shop.WebApp.dll")])
        {
            WorkingDirectory = projectFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
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
        var instance = new SecondStorefront(process, url);
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
            throw new InvalidOperationException("The second storefront did not start.");
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
