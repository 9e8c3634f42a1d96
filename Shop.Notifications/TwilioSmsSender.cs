using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Shop.Notifications;

/// <summary>Sends through Twilio's Messages API.</summary>
public sealed class TwilioSmsSender(ITwilioRestClient twilio, IOptions<TwilioSettings> settings) : ISmsSender
{
    public async Task SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var options = new CreateMessageOptions(new PhoneNumber(message.To))
        {
            From = new PhoneNumber(settings.Value.FromNumber),
            Body = message.Body,
        };
        try
        {
            await MessageResource.CreateAsync(options, twilio).WaitAsync(cancellationToken);
        }
        catch (ApiException refused) when (refused.Status is >= 400 and < 500 and not 401 and not 403 and not 429)
        {
            // A bad or unreachable number, say. Credentials, rate limits and server errors stay failures worth retrying.
            throw new SmsRejectedException($"Twilio refused the message ({refused.Code}): {refused.Message}", refused);
        }
    }
}

/// <summary>
/// Sends Twilio's requests to <see cref="TwilioSettings.ApiBase"/> instead of Twilio's hosts; Twilio's client builds
/// its URLs itself, so the address is swapped on the way out.
/// </summary>
internal sealed class TwilioApiBaseHandler(Uri apiBase) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = apiBase.Scheme, Host = apiBase.Host, Port = apiBase.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
