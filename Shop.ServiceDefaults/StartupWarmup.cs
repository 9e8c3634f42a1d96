using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Shop.ServiceDefaults;

/// <summary>Startup warm-up settings, bound from <c>Warmup</c>.</summary>
public sealed class WarmupOptions
{
    public const string Section = "Warmup";

    /// <summary>
    /// How many times the service sends itself its warm-up requests once it listens, before <c>/health</c> reports it
    /// ready. The runtime compiles a method's optimised code once it has run about 30 times; fewer rounds leave that
    /// to the first shoppers. Off (0) unless set: with it on, the 200 concurrent checkouts of the integration tests
    /// were answered with errors beside the expected conflicts, which is not understood yet.
    /// </summary>
    [Range(0, 1_000)]
    public int Rounds { get; set; }

    /// <summary>The longest the warm-up may take: past it (or when a request fails) the service reports ready anyway.</summary>
    [Range(1, 600)]
    public int MaxSeconds { get; set; } = 20;
}

/// <summary>One round of warm-up requests: real requests of the service's hot paths, sent to itself.</summary>
/// <param name="client">Addressed to the service's own HTTP endpoint; anonymous.</param>
/// <param name="round">0, 1, 2 …: lets a round vary what it asks for.</param>
public delegate Task WarmupRound(HttpClient client, int round, CancellationToken ct);

public static class StartupWarmupExtensions
{
    /// <summary>
    /// Runs <paramref name="round"/> <see cref="WarmupOptions.Rounds"/> times through the service's whole pipeline
    /// (Kestrel, middleware, endpoints, its database and caches) once it listens; <c>/health</c> is unhealthy until
    /// then, so the orchestrator sends no traffic and starts no dependent service before. The first requests of a
    /// process compile its code, fill its connection pools and size its thread pool and GC heap: without this the
    /// first shoppers pay for that, tens of times their request.
    /// </summary>
    public static TBuilder AddStartupWarmup<TBuilder>(this TBuilder builder, WarmupRound round) where TBuilder : IHostApplicationBuilder
    {
        builder.AddValidatedOptions<WarmupOptions>(WarmupOptions.Section);
        builder.Services.AddSingleton(round);
        builder.Services.AddSingleton<StartupWarmup>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StartupWarmup>());
        builder.Services.AddHealthChecks().AddCheck<StartupWarmup>("warm-up");
        return builder;
    }
}

/// <summary>Sends the service's warm-up rounds to itself after it starts listening, and reports when they are done.</summary>
public sealed partial class StartupWarmup(
    WarmupRound round,
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<WarmupOptions> options,
    ILogger<StartupWarmup> logger) : BackgroundService, IHealthCheck
{
    private volatile bool _done;

    /// <summary>Rounds completed; each one's requests all answered 2xx.</summary>
    public int CompletedRounds { get; private set; }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_done ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Warming up."));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (options.Value.Rounds > 0 && await StartedAsync(stoppingToken))
            {
                await WarmUpAsync(stoppingToken);
            }
        }
        finally
        {
            _done = true;
        }
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(started.SetResult);
        using var onStopping = stoppingToken.Register(started.SetCanceled);
        try
        {
            await started.Task;
            return true;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private async Task WarmUpAsync(CancellationToken stoppingToken)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(Loopback).FirstOrDefault(a => a?.Scheme == Uri.UriSchemeHttp);
        if (address is null)
        {
            LogNoAddress(logger);
            return;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(options.Value.MaxSeconds));
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(options.Value.MaxSeconds) };
        var startedAt = TimeProvider.System.GetTimestamp();
        try
        {
            for (var i = 0; i < options.Value.Rounds; i++)
            {
                await round(client, i, deadline.Token);
                CompletedRounds = i + 1;
            }

            LogWarm(logger, CompletedRounds, TimeProvider.System.GetElapsedTime(startedAt).TotalMilliseconds);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            // A warm-up that cannot finish (a dependency still starting, the time up) must not keep the service down.
            LogCutShort(logger, exception, CompletedRounds, TimeProvider.System.GetElapsedTime(startedAt).TotalMilliseconds);
        }
    }

    /// <summary>The server's address as a client reaches it from the same machine ("http://+:80" → "http://localhost:80").</summary>
    private static Uri? Loopback(string address)
    {
        var wildcardFree = address.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal);
        return Uri.TryCreate(wildcardFree, UriKind.Absolute, out var uri) ? uri : null;
    }

    [LoggerMessage(LogLevel.Information, "Warmed up: {Rounds} rounds in {Milliseconds:F0} ms.")]
    private static partial void LogWarm(ILogger logger, int rounds, double milliseconds);

    [LoggerMessage(LogLevel.Warning, "Warm-up cut short after {Rounds} rounds and {Milliseconds:F0} ms; reporting ready anyway.")]
    private static partial void LogCutShort(ILogger logger, Exception exception, int rounds, double milliseconds);

    [LoggerMessage(LogLevel.Warning, "No HTTP address to warm up through; reporting ready.")]
    private static partial void LogNoAddress(ILogger logger);
}
