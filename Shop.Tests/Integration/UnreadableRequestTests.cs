using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Integration;

/// <summary>
/// A request the server cannot read (a body over Kestrel's size limit, a form over the form reader's limits) is the
/// client's mistake: every service answers it with 413 or 400 and a problem naming the body, never a 500.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class UnreadableRequestTests(ShopAppFixture shop)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("ordering-api", "/api/orders")]
    [InlineData("identity-api", "/api/users")]
    [InlineData("basket-api", "/api/baskets/AAAAAAAAAAAAAAAAAAAAAA/items")]
    [InlineData("webapp", "/api/orders")]
    public async Task ABodyOverTheSizeLimitIs413WithAProblemNamingTheBody(string resource, string path)
    {
        // Kestrel refuses a declared length over its limit (30 MB) before reading the body, so none is sent.
        var (status, contentType, body) = await PostDeclaringLengthAsync(shop.App.GetEndpoint(resource, "http"), path, 40_000_000);

        Assert.Equal(413, status);
        Assert.Equal("application/problem+json", contentType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("unreadable-request", problem.GetProperty("code").GetString());
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("body", error.GetProperty("name").GetString());
        Assert.Contains("30000000 bytes", error.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task AFormOverTheValueCountLimitIs400WithAProblem()
    {
        using var client = shop.App.CreateHttpClient("identity-api", "http");
        // The form reader takes at most 1,024 values.
        var fields = Enumerable.Range(0, 1100).Select(i => KeyValuePair.Create($"field{i}", "x")).Prepend(KeyValuePair.Create("grant_type", "password"));

        using var response = await client.PostAsync("/api/auth/token", new FormUrlEncodedContent(fields), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation)).RootElement;
        Assert.Equal("unreadable-request", problem.GetProperty("code").GetString());
        Assert.Contains("1024", problem.GetProperty("detail").GetString());
    }

    /// <summary>A POST whose Content-Length header claims <paramref name="length"/> bytes; HTTP/1.0, so the answer ends with the connection.</summary>
    private static async Task<(int Status, string? ContentType, string Body)> PostDeclaringLengthAsync(Uri server, string path, long length)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, Cancellation);
        await using var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.0\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n{{";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Cancellation);

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync(Cancellation);
        var (headers, body) = (answer[..answer.IndexOf("\r\n\r\n", StringComparison.Ordinal)], answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
        var lines = headers.Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1]);
        var contentType = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p[0].Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim().Split(';')[0]).FirstOrDefault();
        return (status, contentType, body);
    }
}
