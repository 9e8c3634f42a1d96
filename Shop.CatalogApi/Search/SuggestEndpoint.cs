using FastEndpoints;
using FluentValidation;

namespace Shop.CatalogApi.Search;

public sealed record SuggestRequest
{
    public const int MaxLimit = 20;

    /// <summary>What the shopper has typed so far; the last word is a prefix.</summary>
    [QueryParam]
    public string Q { get; init; } = "";

    [QueryParam]
    public int Limit { get; init; } = 8;
}

public sealed class SuggestValidator : Validator<SuggestRequest>
{
    public SuggestValidator()
    {
        RuleFor(r => r.Q).NotEmpty().MaximumLength(100);
        RuleFor(r => r.Limit).InclusiveBetween(1, SuggestRequest.MaxLimit);
    }
}

/// <summary>
/// Autocomplete: indexed words that start with the last word typed (most used first), and products whose names
/// hold every word typed, the last as a prefix.
/// </summary>
public sealed class SuggestEndpoint(ICatalogSearch search) : Endpoint<SuggestRequest, Suggestions>
{
    public override void Configure()
    {
        Get("/api/search/suggest");
        AllowAnonymous();
    }

    public override async Task HandleAsync(SuggestRequest request, CancellationToken ct) =>
        await Send.OkAsync(await search.SuggestAsync(request.Q, request.Limit, ct), ct);
}
