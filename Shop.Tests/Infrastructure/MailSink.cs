using System.Net.Http.Json;
using System.Text.Json;

namespace Shop.Tests.Infrastructure;

/// <summary>Reads what the services sent through the development mail sink (smtp4dev's HTTP API).</summary>
public sealed class MailSink(HttpClient http)
{
    /// <summary>The plain-text body of the newest message to <paramref name="to"/> whose subject contains <paramref name="subject"/>.</summary>
    public async Task<string> WaitForMessageAsync(string to, string subject, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var page = await http.GetFromJsonAsync<JsonElement>("/api/messages?pageSize=200", ct);
            var match = page.GetProperty("results").EnumerateArray()
                .Where(m => m.GetProperty("to").EnumerateArray().Any(t => string.Equals(t.GetString(), to, StringComparison.OrdinalIgnoreCase))
                            && m.GetProperty("subject").GetString()!.Contains(subject, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(m => m.GetProperty("receivedDate").GetDateTimeOffset())
                .Select(m => m.GetProperty("id").GetString())
                .FirstOrDefault();
            if (match is not null)
            {
                return await http.GetStringAsync($"/api/messages/{match}/plaintext", ct);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No message to {to} about '{subject}' arrived.");
            }

            await Task.Delay(250, ct);
        }
    }

    /// <summary>How many messages to <paramref name="to"/> have a subject containing <paramref name="subject"/> now.</summary>
    public async Task<int> CountAsync(string to, string subject, CancellationToken ct)
    {
        var page = await http.GetFromJsonAsync<JsonElement>("/api/messages?pageSize=200", ct);
        return page.GetProperty("results").EnumerateArray()
            .Count(m => m.GetProperty("to").EnumerateArray().Any(t => string.Equals(t.GetString(), to, StringComparison.OrdinalIgnoreCase))
                        && m.GetProperty("subject").GetString()!.Contains(subject, StringComparison.OrdinalIgnoreCase));
    }
}
