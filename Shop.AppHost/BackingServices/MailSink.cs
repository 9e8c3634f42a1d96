namespace Shop.AppHost.BackingServices;

/// <summary>smtp4dev: catches every message sent to its SMTP port and shows it in a web UI and an HTTP API.</summary>
public static class MailSink
{
    public const string SmtpEndpointName = "smtp";
    public const string HttpEndpointName = "http";

    /// <summary><c>Endpoint=smtp://host:port</c>, the shape services read for any SMTP server.</summary>
    public static ReferenceExpression ConnectionString(IResourceWithEndpoints resource)
    {
        var smtp = new EndpointReference(resource, SmtpEndpointName);
        return ReferenceExpression.Create(
            $"Endpoint=smtp://{smtp.Property(EndpointProperty.Host)}:{smtp.Property(EndpointProperty.Port)}");
    }
}
