using MailKit.Security;
using Shop.Notifications;

namespace Shop.Tests.Unit;

public sealed class SmtpSecurityTests
{
    [Theory]
    [InlineData("Endpoint=smtp://localhost:2525", SecureSocketOptions.None)]
    [InlineData("Endpoint=smtp://mail.example.com:587;Username=shop;Password=secret", SecureSocketOptions.StartTls)]
    [InlineData("Endpoint=smtps://mail.example.com:465;Username=shop;Password=secret", SecureSocketOptions.SslOnConnect)]
    public void ALoginNeverGoesInClear(string connectionString, SecureSocketOptions expected) =>
        Assert.Equal(expected, SmtpEmailSender.Security(SmtpServer.Parse(connectionString)));
}
