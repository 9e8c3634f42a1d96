using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Shop.Tests.Infrastructure;

/// <summary>
/// The whole topology, started once for every integration test through the real AppHost: its backing servers
/// (local or containers, as on a developer's machine) get a fresh data folder and Aspire picks free ports.
/// </summary>
public sealed class ShopAppFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    public static readonly string[] ServiceNames = ["catalog-api", "basket-api", "ordering-api", "identity-api", "webapp"];

    /// <summary>The signing secret the ordering service checks Stripe webhooks against in the tests.</summary>
    public const string StripeWebhookSecret = "whsec_shop_tests_only";

    /// <summary>How long a guest basket lives without changes in the tests: long enough for any test's flow.</summary>
    public static readonly TimeSpan GuestBasketTimeToLive = TimeSpan.FromSeconds(30);

    /// <summary>Password-reset requests one account may get per window (<c>RateLimits:password-reset-per-account</c>).</summary>
    public const int PasswordResetsPerAccount = 3;

    /// <summary>
    /// Registration and password-reset requests one client address may make per minute in the tests
    /// (<c>RateLimits:registration</c>, <c>RateLimits:password-reset</c>): above what the whole suite makes from its one
    /// address in a minute, and within what a test can reach cheaply from an address of its own.
    /// </summary>
    public const int AuthRequestsPerClientPerMinute = 300;

    /// <summary>
    /// How many matches a search counts (<c>Search:MaxCountedMatches</c>) and how many products a listing counts
    /// (<c>Products:MaxCountedProducts</c>) in the tests: small, so a test reaches the capped totals with a few
    /// products, and above what any other test makes for one word or filter.
    /// </summary>
    public const int CountedMatchesCap = 20;

    /// <summary>
    /// Searches each catalog replica runs at once (<c>Search:MaxConcurrentSearches</c>) in the tests: one, so every
    /// search the suite makes at the same moment as another waits for its turn.
    /// </summary>
    public const int ConcurrentSearches = 1;

    /// <summary>Stored search answers kept at most (small, so a test can fill the table cheaply).</summary>
    public const int StoredAnswerLimit = 1000;

    /// <summary>
    /// Below how many matches of a brand or price filter a category's listing page is sorted from all its matches
    /// (<c>Products:SparseCategoryMatches</c>) in the tests: small, so a test's categories take either way.
    /// </summary>
    public const int SparseCategoryMatches = 4;

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "shop-tests-" + Guid.NewGuid().ToString("N")[..12]);

    public DistributedApplication App { get; private set; } = null!;

    public OtlpTraceReceiver Traces { get; private set; } = null!;

    /// <summary>Where the ordering service sends its text messages: Twilio's API, stood in for.</summary>
    public TwilioApiDouble Twilio { get; private set; } = null!;

    /// <summary>The Twilio account the ordering service is configured with in the tests.</summary>
    public const string TwilioAccountSid = "ACshoptests0000000000000000000000";

    public const string TwilioFromNumber = "+15005550006";

    public async ValueTask InitializeAsync()
    {
        Traces = await OtlpTraceReceiver.StartAsync();
        Twilio = await TwilioApiDouble.StartAsync();

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Shop_AppHost>(
            [$"--BackingServices:DataPath={_dataPath}"],
            (options, _) => options.DisableDashboard = true);

        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Aspire.Hosting.Dcp", LogLevel.Error));
        ExportTelemetryTo(builder, Traces.Endpoint);
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "ordering-api"))
            .WithEnvironment("Payments__Stripe__WebhookSecret", StripeWebhookSecret)
            .WithEnvironment("Payments__ExpiryCheckInterval", "00:00:01")
            .WithEnvironment("RateLimits__checkout__PermitLimit", "10000")
            .WithEnvironment("Sms__Twilio__AccountSid", TwilioAccountSid)
            .WithEnvironment("Sms__Twilio__AuthToken", "twilio_shop_tests_only")
            .WithEnvironment("Sms__Twilio__FromNumber", TwilioFromNumber)
            .WithEnvironment("Sms__Twilio__ApiBase", Twilio.Url);
        // Abandonment in seconds rather than a day, so a test can see the reminder; guest baskets expire after
        // half a minute without changes (rather than 30 days), so a test can see that too without slowing the rest.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "basket-api"))
            .WithEnvironment("Baskets__GuestTimeToLive", GuestBasketTimeToLive.ToString("c"))
            .WithEnvironment("Baskets__AbandonedAfter", "00:00:02")
            .WithEnvironment("Baskets__AbandonmentCheckInterval", "00:00:01");
        // Every test signs in, registers and resets from this one address, and many sign in as the one admin; the
        // per-account limit on reset requests stays low so a test can reach it.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "identity-api"))
            .WithEnvironment("RateLimits__sign-in__PermitLimit", "10000")
            .WithEnvironment("RateLimits__registration__PermitLimit", AuthRequestsPerClientPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("RateLimits__registration__Window", "00:01:00")
            .WithEnvironment("RateLimits__password-reset__PermitLimit", AuthRequestsPerClientPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("RateLimits__password-reset__Window", "00:01:00")
            .WithEnvironment("RateLimits__sign-in-per-account__PermitLimit", "10000")
            .WithEnvironment("RateLimits__password-reset-per-account__PermitLimit", PasswordResetsPerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture));

        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "catalog-api"))
            .WithEnvironment("Search__MaxCountedMatches", CountedMatchesCap.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Search__MaxConcurrentSearches", ConcurrentSearches.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Search__StoredAnswerLimit", StoredAnswerLimit.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Products__MaxCountedProducts", CountedMatchesCap.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Products__SparseCategoryMatches", SparseCategoryMatches.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Every signed-in storefront request refreshes its tokens (the margin exceeds the access token's lifetime),
        // so the browser tests go through refresh and rotation all the time rather than after 15 minutes.
        builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "webapp"))
            .WithEnvironment("Session__RefreshBeforeExpiry", "00:20:00");

        App = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await App.StartAsync(timeout.Token);
        // A service that crashes at start fails the run at once instead of after the timeout.
        var waits = ServiceNames.Select(name =>
            App.ResourceNotifications.WaitForResourceHealthyAsync(name, WaitBehavior.StopOnResourceUnavailable, timeout.Token)).ToList();
        while (waits.Count > 0)
        {
            var done = await Task.WhenAny(waits);
            await done; // rethrows the first failure without waiting for services that wait on the failed one
            waits.Remove(done);
        }
    }

    /// <summary>A service's own database, for arranging test data through the service's data layer.</summary>
    public async Task<string> ConnectionStringAsync(string name) =>
        await App.GetConnectionStringAsync(name) ?? throw new InvalidOperationException($"No connection string named {name}.");

    public MailSink Mail => new(App.CreateHttpClient("mail", "http"));

    /// <summary>
    /// A service's project and the environment the AppHost gives it, with endpoint references, connection strings and
    /// parameters resolved: for running part of a service beside the topology as the service runs.
    /// </summary>
    public async Task<(ProjectResource Project, Dictionary<string, string> Environment)> ServiceEnvironmentAsync(string name)
    {
        var project = App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>().Single(r => r.Name == name);
        // Obsolete in favour of the execution-configuration builder, but still the one call that resolves a resource's
        // environment as the AppHost gave it.
#pragma warning disable CS0618
        var environment = await project.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Run);
#pragma warning restore CS0618
        return (project, environment);
    }

    /// <summary>An HTTP client for the storefront, the one public entry point.</summary>
    public HttpClient CreateStorefrontClient() => App.CreateHttpClient("webapp", "http");

    private static void ExportTelemetryTo(IDistributedApplicationTestingBuilder builder, string endpoint)
    {
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(project).WithEnvironment(context =>
            {
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint;
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
                context.EnvironmentVariables["OTEL_BSP_SCHEDULE_DELAY"] = "500";
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        await Traces.DisposeAsync();
        await Twilio.DisposeAsync();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A server may still be flushing; the folder is under the temp directory either way.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ShopCollection : ICollectionFixture<ShopAppFixture>
{
    public const string Name = "Shop topology";
}
