using Microsoft.Extensions.Options;
using Shop.Messaging.Inbox;
using Shop.Messaging.Outbox;

namespace Shop.Tests.Unit;

/// <summary>How long the inbox and the outbox keep their rows, and how often they are cleaned.</summary>
public sealed class MessageRetentionOptionsTests
{
    [Theory]
    [InlineData("00:10:00")] // shorter than any redelivery may take
    [InlineData("366.00:00:00")]
    public void ARetentionOutsideItsRangeIsRefusedWithItsName(string retention)
    {
        var result = Validate(new InboxOptions { Retention = TimeSpan.Parse(retention, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.True(result.Failed);
        Assert.Contains("Retention", result.FailureMessage);
    }

    [Fact]
    public void TheDefaultRetriesOutlastAnHoursOutageAndEndWellWithinTheInboxRetention()
    {
        var total = Shop.Messaging.EventBusOptions.DefaultRetryDelays.Aggregate(TimeSpan.Zero, (sum, delay) => sum + delay);

        // A handler whose mail server is down for an hour is tried again after it is back.
        Assert.True(total > TimeSpan.FromHours(2), $"{total}");
        // Every redelivery must still find the inbox row of a handler that succeeded, or it would run again.
        Assert.True(total * 2 < new InboxOptions().Retention, $"{total}");
    }

    [Fact]
    public void ACleanupIntervalOfZeroIsRefused()
    {
        var result = Validate(new InboxOptions { CleanupInterval = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("CleanupInterval", result.FailureMessage);
    }

    [Fact]
    public void TheDefaultsKeepAWeekAndCleanEveryTenMinutes()
    {
        var defaults = new InboxOptions();

        Assert.True(Validate(defaults).Succeeded);
        Assert.Equal(TimeSpan.FromDays(7), defaults.Retention);
        Assert.Equal(TimeSpan.FromMinutes(10), defaults.CleanupInterval);
    }

    [Fact]
    public void AnOutboxCleanupIntervalOfZeroIsRefused()
    {
        var result = Validate(new OutboxOptions { CleanupInterval = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("CleanupInterval", result.FailureMessage);
    }

    [Fact]
    public void TheOutboxKeepsPublishedMessagesAWeekAndCleansEveryTenMinutes()
    {
        var defaults = new OutboxOptions();

        Assert.True(Validate(defaults).Succeeded);
        Assert.Equal(TimeSpan.FromDays(7), defaults.Retention);
        Assert.Equal(TimeSpan.FromMinutes(10), defaults.CleanupInterval);
    }

    private static ValidateOptionsResult Validate<TOptions>(TOptions options) where TOptions : class =>
        new DataAnnotationValidateOptions<TOptions>(null).Validate(null, options);
}
