using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Shop.ServiceDefaults;

namespace Shop.Tests.Unit;

public sealed class UnreadableRequestTests
{
    [Fact]
    public async Task AFormOverTheReadersLimitIsTheClientsMistake()
    {
        using var reader = new FormReader("a=1&b=2&c=3") { ValueCountLimit = 2 };

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => reader.ReadFormAsync(TestContext.Current.CancellationToken));

        Assert.Equal(StatusCodes.Status400BadRequest, UnreadableRequest.StatusOf(refused));
    }

    [Fact]
    public void KestrelsRefusalKeepsItsStatus()
    {
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, UnreadableRequest.StatusOf(new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge)));
    }

    [Fact]
    public void InvalidDataFromElsewhereIsNotTheClientsMistake()
    {
        var ours = Record.Exception(new Action(() => throw new InvalidDataException("a stored file is corrupt")));

        Assert.Null(UnreadableRequest.StatusOf(ours!));
        Assert.Null(UnreadableRequest.StatusOf(new InvalidOperationException()));
    }
}
