using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Twilio.Clients;

namespace Shop.Notifications;

public static class SmsExtensions
{
    private const string HttpClientName = "twilio";

    /// <summary>
    /// Registers <see cref="ISmsSender"/> with Twilio when <c>Sms:Twilio</c> is configured (AccountSid, AuthToken,
    /// FromNumber, all validated at start); otherwise registers nothing, and callers send no SMS.
    /// </summary>
    public static IHostApplicationBuilder AddSms(this IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetSection(TwilioSettings.Section).Get<TwilioSettings>();
        if (configured is not { IsConfigured: true })
        {
            return builder;
        }

        builder.Services.AddOptions<TwilioSettings>().BindConfiguration(TwilioSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        var http = builder.Services.AddHttpClient(HttpClientName);
        // Sending a message is not idempotent: the shared resilience pipeline must not send it twice.
        builder.Services.Configure<HttpStandardResilienceOptions>($"{HttpClientName}-standard", options => options.Retry.DisableForUnsafeHttpMethods());
        if (configured.ApiBase is { Length: > 0 } apiBase)
        {
            http.AddHttpMessageHandler(() => new TwilioApiBaseHandler(new Uri(apiBase)));
        }

        builder.Services.AddSingleton<ITwilioRestClient>(services =>
        {
            var settings = services.GetRequiredService<IOptions<TwilioSettings>>().Value;
            var client = new Twilio.Http.SystemNetHttpClient(services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName));
            return new TwilioRestClient(settings.AccountSid, settings.AuthToken, httpClient: client);
        });
        builder.Services.AddSingleton<ISmsSender, TwilioSmsSender>();
        return builder;
    }
}
