using System.ComponentModel.DataAnnotations;

namespace Shop.Notifications;

/// <summary>Bound from <c>Sms:Twilio</c>; set from secrets or the environment, never from files in the repository.</summary>
public sealed class TwilioSettings
{
    public const string Section = "Sms:Twilio";

    [Required]
    public string AccountSid { get; set; } = "";

    [Required]
    public string AuthToken { get; set; } = "";

    /// <summary>The Twilio number messages come from, in E.164 form.</summary>
    [Required, RegularExpression(@"^\+[1-9][0-9]{6,14}$")]
    public string FromNumber { get; set; } = "";

    /// <summary>Twilio's API address; only tests point it elsewhere.</summary>
    [Url]
    public string? ApiBase { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AccountSid) || !string.IsNullOrWhiteSpace(AuthToken) || !string.IsNullOrWhiteSpace(FromNumber);
}
