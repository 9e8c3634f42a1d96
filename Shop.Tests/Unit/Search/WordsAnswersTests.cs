using Microsoft.Extensions.Options;
using Shop.CatalogApi.Search;
using Shop.CatalogApi.Search.Postgres;

namespace Shop.Tests.Unit.Search;

public sealed class WordsAnswersTests
{
    private static readonly SearchResult Answer = new([], 3, new SearchFacets([], [], [], [], false), false);

    [Fact]
    public void TheAnswersKeptNeverExceedTheBound()
    {
        using var answers = new WordsAnswers(Options.Create(new SearchOptions { WordsAnswerCacheBytes = 10_000 }));

        for (var i = 0; i < 100; i++)
        {
            answers.Keep($"q{i:D3}", 1, Answer, 1_000);
        }

        // Each entry counts its answer and its key (10 bytes): at most 9 of 1,010 bytes fit in 10,000.
        var kept = Enumerable.Range(0, 100).Count(i => answers.TryGet($"q{i:D3}", out _, out _));
        Assert.InRange(kept, 1, 9);
    }

    [Fact]
    public void ANewerVersionReplacesAnOlderOneAndNeverTheOtherWayRound()
    {
        using var answers = new WordsAnswers(Options.Create(new SearchOptions()));
        var newer = Answer with { Total = 4 };

        answers.Keep("mug", 7, Answer, 100);
        answers.Keep("mug", 8, newer, 100);
        answers.Keep("mug", 7, Answer, 100);

        Assert.True(answers.TryGet("mug", out var version, out var answer));
        Assert.Equal(8, version);
        Assert.Same(newer, answer);
        Assert.False(answers.TryGet("cup", out _, out _));
    }
}
