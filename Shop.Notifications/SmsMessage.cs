namespace Shop.Notifications;

/// <summary>One text message to one phone number in international (E.164) form, such as +4915112345678.</summary>
public sealed record SmsMessage(string To, string Body);

/// <summary>Sends text messages. Registered only when an SMS provider is configured (see <see cref="SmsExtensions.AddSms"/>).</summary>
public interface ISmsSender
{
    Task SendAsync(SmsMessage message, CancellationToken cancellationToken);
}

/// <summary>The provider refused this message for good (a bad number, say): sending it again would not help.</summary>
public sealed class SmsRejectedException(string message, Exception inner) : Exception(message, inner);
