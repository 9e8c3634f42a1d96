using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Shop.Tests.Infrastructure;

/// <summary>A message as the Twilio double received it, with the account it was sent for and the basic-auth user.</summary>
public sealed record TwilioMessageRequest(string AccountSid, string? AuthorizedAs, string To, string From, string Body);

/// <summary>
/// Stands in for api.twilio.com over HTTP: answers the Messages API with a message resource shaped as Twilio documents
/// it, or with Twilio's error for an invalid number, and records every message.
/// </summary>
public sealed class TwilioApiDouble : IAsyncDisposable
{
    /// <summary>A "To" number the double refuses with Twilio's invalid-number error (21211).</summary>
    public const string InvalidNumber = "+15005550001";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<TwilioMessageRequest> _messages = new();
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new();
    private readonly ConcurrentDictionary<string, int> _failed = new();

    private TwilioApiDouble(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public IReadOnlyCollection<TwilioMessageRequest> Messages => _messages.ToArray();

    public static async Task<TwilioApiDouble> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var twilio = new TwilioApiDouble(app);

        app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", async (string accountSid, HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var to = form["To"].ToString();
            if (twilio._failuresLeft.TryGetValue(to, out var left) && left > 0 && twilio._failuresLeft.TryUpdate(to, left - 1, left))
            {
                twilio._failed.AddOrUpdate(to, 1, (_, count) => count + 1);
                return Results.Json(new { code = 20500, message = "An internal server error has occurred.", status = 500 }, statusCode: 500);
            }

            if (to == InvalidNumber)
            {
                return Results.Json(new { code = 21211, message = $"The 'To' number {to} is not a valid phone number.", status = 400 }, statusCode: 400);
            }

            var message = new TwilioMessageRequest(accountSid, BasicAuthUser(request), to, form["From"].ToString(), form["Body"].ToString());
            twilio._messages.Enqueue(message);
            return Results.Json(new Dictionary<string, object?>
            {
                ["sid"] = "SM" + Guid.NewGuid().ToString("N"),
                ["account_sid"] = accountSid,
                ["to"] = message.To,
                ["from"] = message.From,
                ["body"] = message.Body,
                ["status"] = "queued",
                ["num_segments"] = "1",
                ["direction"] = "outbound-api",
                ["api_version"] = "2010-04-01",
            }, statusCode: 201);
        });

        await app.StartAsync();
        twilio.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return twilio;
    }

    /// <summary>The next <paramref name="times"/> messages to <paramref name="to"/> fail as Twilio does when it has a fault (500).</summary>
    public void FailNext(string to, int times) => _failuresLeft[to] = times;

    /// <summary>How many messages to <paramref name="to"/> were answered with a fault.</summary>
    public int FailedAttempts(string to) => _failed.GetValueOrDefault(to);

    /// <summary>Messages sent to <paramref name="to"/>, once there are at least <paramref name="count"/> or a while has passed.</summary>
    public Task<List<TwilioMessageRequest>> WaitForMessagesAsync(string to, int count) =>
        Eventually.WaitForAsync(() => Task.FromResult(Messages.Where(m => m.To == to).ToList()), found => found.Count >= count, TimeSpan.FromSeconds(30));

    private static string? BasicAuthUser(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Basic ", StringComparison.Ordinal)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':')[0]
            : null;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
