using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shop.Notifications;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration.Ordering;

/// <summary>The Twilio adapter, as <c>AddSms</c> registers it, over real HTTP against a Twilio API double.</summary>
public sealed class TwilioSmsSenderTests : IAsyncLifetime
{
    private const string AccountSid = "ACadapter000000000000000000000000";

    private TwilioApiDouble _twilio = null!;
    private IHost _host = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private ISmsSender Sender => _host.Services.GetRequiredService<ISmsSender>();

    public async ValueTask InitializeAsync()
    {
        _twilio = await TwilioApiDouble.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sms:Twilio:AccountSid"] = AccountSid,
            ["Sms:Twilio:AuthToken"] = "secret-token",
            ["Sms:Twilio:FromNumber"] = "+15005550006",
            ["Sms:Twilio:ApiBase"] = _twilio.Url,
        });
        builder.AddSms();
        _host = builder.Build();
        await _host.StartAsync(Cancellation);
    }

    [Fact]
    public async Task AMessageIsSentFromTheConfiguredNumberForTheAccount()
    {
        await Sender.SendAsync(new SmsMessage("+4915112345678", "Your order is on its way."), Cancellation);

        var sent = Assert.Single(_twilio.Messages);
        Assert.Equal(new TwilioMessageRequest(AccountSid, AccountSid, "+4915112345678", "+15005550006", "Your order is on its way."), sent);
    }

    [Fact]
    public async Task AnInvalidNumberIsARejectionNotAFailureToRetry()
    {
        var rejected = await Assert.ThrowsAsync<SmsRejectedException>(() =>
            Sender.SendAsync(new SmsMessage(TwilioApiDouble.InvalidNumber, "Hello"), Cancellation));

        Assert.Contains("21211", rejected.Message);
        Assert.Empty(_twilio.Messages);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _twilio.DisposeAsync();
    }
}
