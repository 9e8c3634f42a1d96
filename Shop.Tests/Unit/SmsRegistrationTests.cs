using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Shop.Messaging;
using Shop.Messaging.Contracts;
using Shop.Notifications;
using Shop.OrderingApi.Notifications;

namespace Shop.Tests.Unit;

public sealed class SmsRegistrationTests
{
    [Fact]
    public void WithoutTwilioSettingsNoSmsSenderIsRegistered()
    {
        var builder = Host.CreateApplicationBuilder();

        builder.AddSms();

        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(ISmsSender));
        using var host = builder.Build();
        Assert.Null(host.Services.GetService<ISmsSender>());
    }

    [Fact]
    public void OrderTextsAreSubscribedOnlyWhenAnSmsProviderIsConfigured()
    {
        var without = Host.CreateApplicationBuilder();
        var with = Host.CreateApplicationBuilder();
        without.Configuration.AddInMemoryCollection(Mail);
        with.Configuration.AddInMemoryCollection(Mail);
        with.Configuration.AddInMemoryCollection(Twilio(fromNumber: "+15005550006"));

        without.AddOrderNotifications();
        with.AddOrderNotifications();

        // Each subscribed handler costs every paid and shipped order an inbox transaction, so none without a provider.
        Assert.DoesNotContain(without.Services, d => d.ImplementationType == typeof(OrderTextMessages));
        Assert.Equal(2, with.Services.Count(d => d.ImplementationType == typeof(OrderTextMessages)));
        Assert.Contains(without.Services, d => d.ServiceType == typeof(IIntegrationEventHandler<OrderPaid>) && d.ImplementationType == typeof(OrderEmails));
    }

    [Fact]
    public void WithTwilioSettingsTwilioSendsTheMessages()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Twilio(fromNumber: "+15005550006"));

        builder.AddSms();

        using var host = builder.Build();
        Assert.IsType<TwilioSmsSender>(host.Services.GetService<ISmsSender>());
    }

    [Fact]
    public async Task IncompleteTwilioSettingsStopTheServiceAtStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Twilio(fromNumber: null));
        builder.AddSms();
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("FromNumber", failure.Message);
    }

    [Theory]
    [InlineData("+49 151 123-45678", "+4915112345678")]
    [InlineData("+1 (415) 555 0100", "+14155550100")]
    [InlineData("+49 (0)151 2345678", "+491512345678")]
    [InlineData("0151 12345678", null)]
    [InlineData("+0 123", null)]
    public void PhoneNumbersAreTextedOnlyInInternationalForm(string typed, string? expected) =>
        Assert.Equal(expected, OrderTextMessages.InternationalNumber(typed));

    private static readonly Dictionary<string, string?> Mail = new() { ["ConnectionStrings:mail"] = "Endpoint=smtp://localhost:2525" };

    private static Dictionary<string, string?> Twilio(string? fromNumber) => new()
    {
        ["Sms:Twilio:AccountSid"] = "ACunit00000000000000000000000000",
        ["Sms:Twilio:AuthToken"] = "secret-token",
        ["Sms:Twilio:FromNumber"] = fromNumber,
    };
}
