using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Shop.CatalogApi.Search;
using Shop.CatalogApi.Search.Postgres;

namespace Shop.Tests.Unit.Search;

public sealed class SearchBusyHandlerTests
{
    [Fact]
    public async Task AFullWaitingLineIsAnswered503WithRetryAfterAndAProblem()
    {
        await using var services = new ServiceCollection()
            .AddLogging().AddProblemDetails().BuildServiceProvider();
        var handler = new SearchBusyHandler(services.GetRequiredService<IProblemDetailsService>());
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();

        Assert.False(await handler.TryHandleAsync(http, new InvalidOperationException(), TestContext.Current.CancellationToken));
        Assert.True(await handler.TryHandleAsync(http, new SearchBusyException(), TestContext.Current.CancellationToken));

        Assert.Equal(503, http.Response.StatusCode);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        http.Response.Body.Position = 0;
        using var problem = await System.Text.Json.JsonDocument.ParseAsync(http.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("search-busy", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
    }
}
