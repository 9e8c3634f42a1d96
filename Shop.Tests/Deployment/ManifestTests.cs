using System.Diagnostics;
using System.Text.Json;

namespace Shop.Tests.Deployment;

/// <summary>The deployment manifest Azure Container Apps tooling reads, written by the real AppHost.</summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task ManifestDescribesEveryServiceAndBackingResource()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var output = Path.Combine(Path.GetTempPath(), $"shop-manifest-{Guid.NewGuid():N}", "aspire-manifest.json");
        var appHost = Projects.Shop_AppHost.ProjectPath;

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "run", "--no-build", "--project", appHost, "--", "--publisher", "manifest", "--output-path", output })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellation);
        var stderr = process.StandardError.ReadToEndAsync(cancellation);
        await process.WaitForExitAsync(cancellation);
        Assert.True(process.ExitCode == 0, $"The AppHost failed to publish: {await stdout}{await stderr}");

        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(output, cancellation));
        var resources = manifest.RootElement.GetProperty("resources");
        string[] expected =
        [
            "catalog-api", "basket-api", "ordering-api", "identity-api", "webapp",
            "postgres", "catalogdb", "orderingdb", "identitydb", "redis", "messaging", "search", "mail",
        ];
        foreach (var name in expected)
        {
            Assert.True(resources.TryGetProperty(name, out _), $"{name} is missing from the manifest");
        }

        Assert.Equal(["webapp"], ExternallyReachable(resources));
        // TLS ends at the ingress, so the storefront marks its cookies Secure whatever scheme it sees.
        Assert.Equal("true", resources.GetProperty("webapp").GetProperty("env").GetProperty("Session__SecureCookies").GetString());
        // Links in emails carry reset tokens and order secrets: they name the store's public address, given at deployment.
        Assert.Equal("parameter.v0", resources.GetProperty("storefront-url").GetProperty("type").GetString());
        Assert.Equal("{storefront-url.value}", resources.GetProperty("identity-api").GetProperty("env").GetProperty("Identity__StorefrontUrl").GetString());
        Assert.Equal("{storefront-url.value}", resources.GetProperty("ordering-api").GetProperty("env").GetProperty("Storefront__Url").GetString());
        Assert.Equal("{storefront-url.value}", resources.GetProperty("basket-api").GetProperty("env").GetProperty("Storefront__Url").GetString());
        Directory.Delete(Path.GetDirectoryName(output)!, recursive: true);
    }

    private static List<string> ExternallyReachable(JsonElement resources) =>
        resources.EnumerateObject()
            .Where(r => r.Value.TryGetProperty("bindings", out var bindings)
                && bindings.EnumerateObject().Any(b => b.Value.TryGetProperty("external", out var external) && external.GetBoolean()))
            .Select(r => r.Name)
            .ToList();
}
