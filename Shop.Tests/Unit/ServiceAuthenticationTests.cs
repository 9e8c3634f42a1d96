using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Shop.ServiceDefaults;

namespace Shop.Tests.Unit;

/// <summary>The service defaults authenticate only requests that can carry credentials, and only once.</summary>
[Collection(InProcessTelemetryCollection.Name)]
public sealed class ServiceAuthenticationTests
{
    [Fact]
    public async Task OnlyRequestsWithAnAuthorizationHeaderAreAuthenticated()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        var attempts = 0;
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
            options.Events = new JwtBearerEvents
            {
                OnMessageReceived = _ =>
                {
                    Interlocked.Increment(ref attempts);
                    return Task.CompletedTask;
                },
            });
        await using var app = builder.Build();
        app.UseServiceDefaults();
        app.MapGet("/caller", (HttpContext context) => context.User.Identity?.IsAuthenticated == true ? "signed in" : "anonymous");
        await app.StartAsync(ct);
        using var client = new HttpClient
        {
            BaseAddress = new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()),
        };

        Assert.Equal("anonymous", await client.GetStringAsync("/caller", ct));
        Assert.Equal(0, attempts);

        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/caller") { Headers = { { "Authorization", "Bearer not-a-token" } } };
        using var response = await client.SendAsync(withToken, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("anonymous", await response.Content.ReadAsStringAsync(ct));
        // Once per request: by the defaults' branch, not again by a pipeline-wide authentication the host would add.
        Assert.Equal(1, attempts);
    }
}
