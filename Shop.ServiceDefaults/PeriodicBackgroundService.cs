using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Shop.ServiceDefaults;

/// <summary>
/// Work a service repeats on a timer (expiring orders, finding abandoned baskets). A failed round is logged and
/// the next tick tries again; the service keeps running.
/// </summary>
public abstract partial class PeriodicBackgroundService(TimeSpan interval, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock => clock;

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, exception, GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Job} failed; trying again at the next tick")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, string job);
}
