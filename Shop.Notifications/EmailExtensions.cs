using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Shop.Notifications;

public static class EmailExtensions
{
    /// <summary>The AppHost's name for the SMTP connection string (the mail sink in development).</summary>
    public const string ConnectionName = "mail";

    public static IHostApplicationBuilder AddEmail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailSettings>().BindConfiguration(EmailSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} names no SMTP server.");
        builder.Services.AddSingleton(SmtpServer.Parse(connectionString));
        builder.Services.AddSingleton<IEmailSender, SmtpEmailSender>();
        return builder;
    }
}
