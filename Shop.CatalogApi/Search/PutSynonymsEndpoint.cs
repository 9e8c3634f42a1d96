using FastEndpoints;
using FluentValidation;
using Shop.ServiceDefaults;

namespace Shop.CatalogApi.Search;

public sealed record PutSynonymsRequest(List<List<string>> Groups);

public sealed partial class PutSynonymsValidator : Validator<PutSynonymsRequest>
{
    public const int MaxGroups = 1000;
    public const int MaxTermsPerGroup = 20;

    public PutSynonymsValidator()
    {
        RuleFor(r => r.Groups).NotNull().Must(g => g is null || g.Count <= MaxGroups).WithMessage($"At most {MaxGroups} groups.");
        RuleForEach(r => r.Groups)
            .Must(g => g is not null && g.All(term => term is not null) && SynonymSet.Normalise(g).Count is >= 2 and <= MaxTermsPerGroup)
            .WithMessage($"A group has 2 to {MaxTermsPerGroup} different terms.");
        RuleForEach(r => r.Groups).ChildRules(group => group.RuleForEach(terms => terms)
            .NotEmpty().MaximumLength(50)
            .Matches(TermPattern()).WithMessage("A term is letters and digits, with single spaces or hyphens between them."))
            .OverridePropertyName("groups");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[\p{L}\p{N}]+(?:[ -][\p{L}\p{N}]+)*\s*$")]
    private static partial System.Text.RegularExpressions.Regex TermPattern();
}

/// <summary>Staff: replaces every synonym group, e.g. <c>{"groups": [["tee", "t-shirt"]]}</c>; effective at once.</summary>
public sealed class PutSynonymsEndpoint(SynonymSet synonyms) : Endpoint<PutSynonymsRequest, SynonymsResponse>
{
    public override void Configure()
    {
        Put("/api/search/synonyms");
        Roles(CallerExtensions.StaffRole, CallerExtensions.AdminRole);
    }

    public override async Task HandleAsync(PutSynonymsRequest request, CancellationToken ct)
    {
        await synonyms.ReplaceAsync(request.Groups, ct);
        await Send.OkAsync(new SynonymsResponse(await synonyms.GroupsAsync(ct)), ct);
    }
}
