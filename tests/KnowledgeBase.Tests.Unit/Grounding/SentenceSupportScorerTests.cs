using KnowledgeBase.Core.Grounding;
using KnowledgeBase.Infrastructure.Embeddings;
using KnowledgeBase.Infrastructure.Grounding;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Tests.Unit.Grounding;

/// <summary>The scorer with the real in-process all-MiniLM-L6-v2 model (loaded once for the class).</summary>
public sealed class SentenceSupportScorerTests(SentenceSupportScorerTests.Model model) : IClassFixture<SentenceSupportScorerTests.Model>
{
    public sealed class Model : IDisposable
    {
        public InProcessEmbeddingGenerator Generator { get; } = new(EmbeddingModels.MiniLm);

        public void Dispose() => Generator.Dispose();
    }

    private static readonly Evidence Perks = Evidence.From([
        """
        Overview
        Introducing PerksPlus - the ultimate benefits program designed to support the health and wellness of employees. With PerksPlus, employees have the opportunity to expense up to $1000 for fitness-related programs, making it easier and more affordable to maintain a healthy lifestyle. PerksPlus is not only designed to support employees' physical health, but also their mental health.
        """,
        "Business travel must be approved in advance by your manager. A per diem is a daily allowance for meals and incidental expenses.",
    ]);

    private (SentenceSupportScorer Scorer, CountingGenerator Counter, SentenceVectorCache Cache) Create(GroundingOptions? settings = null)
    {
        var options = Options.Create(settings ?? new GroundingOptions());
        var counter = new CountingGenerator(model.Generator);
        var cache = new SentenceVectorCache(options);
        return (new SentenceSupportScorer(counter, cache, options), counter, cache);
    }

    [Fact]
    public async Task Ranks_the_sentence_that_answers_a_paraphrased_question_first()
    {
        var (scorer, _, _) = Create();

        var scores = await scorer.RankAsync("How much is the PerksPlus allowance?", Perks, null, CancellationToken.None);

        var best = scores.MaxBy(s => s.Score)!;
        Assert.Contains("up to $1000", best.Sentence.Text);
        Assert.NotNull(best.Similarity);
    }

    [Fact]
    public async Task Who_questions_prefer_the_sentence_about_who_over_a_definition()
    {
        var (scorer, _, _) = Create();

        var scores = await scorer.RankAsync("Who approves business travel?", Perks, null, CancellationToken.None);

        Assert.StartsWith("Business travel must be approved", scores.MaxBy(s => s.Score)!.Sentence.Text);
    }

    [Fact]
    public async Task A_paraphrased_claim_is_supported_and_an_unrelated_or_wrong_one_is_not()
    {
        var (scorer, _, _) = Create();

        var verdicts = await scorer.SupportAsync([
            new ClaimEvidence("Employees may claim up to $1000 for fitness programs through PerksPlus.", Perks),
            new ClaimEvidence("Employees may claim up to $2500 for fitness programs through PerksPlus.", Perks),
            new ClaimEvidence("The company's share price rose sharply last quarter.", Perks),
        ], CancellationToken.None);

        Assert.True(verdicts[0].Supported, $"paraphrase scored {verdicts[0].Score:F2}");
        Assert.Contains("$1000", verdicts[0].Best!.Text);
        Assert.False(verdicts[1].Supported);
        Assert.Equal(["2500"], verdicts[1].MissingNumbers);
        Assert.False(verdicts[2].Supported, $"unrelated claim scored {verdicts[2].Score:F2}");
        Assert.True(verdicts[2].Score < verdicts[0].Score - 0.3);
    }

    [Fact]
    public async Task Sentences_are_embedded_once_and_then_come_from_the_cache()
    {
        var (scorer, counter, cache) = Create();

        await scorer.RankAsync("How much is the PerksPlus allowance?", Perks, null, CancellationToken.None);
        var first = counter.Inputs;
        await scorer.RankAsync("How much is the PerksPlus allowance?", Perks, null, CancellationToken.None);

        Assert.Equal(Perks.Sentences.Count + 1, first);
        Assert.Equal(first, counter.Inputs);
        Assert.Equal(first, cache.Count);
    }

    [Fact]
    public async Task Only_the_best_sentences_by_words_are_embedded_and_a_given_question_vector_is_used()
    {
        var (scorer, counter, _) = Create(new GroundingOptions { SentencesEmbedded = 2 });
        var question = (await model.Generator.GenerateAsync(["Who approves business travel?"]))[0].Vector;

        var scores = await scorer.RankAsync("Who approves business travel?", Perks, question, CancellationToken.None);

        Assert.Equal(2, counter.Inputs);
        Assert.Equal(2, scores.Count(s => s.Similarity is not null));
        Assert.All(scores.Where(s => s.Similarity is null), s => Assert.Equal(s.Lexical, s.Score));
    }

    [Fact]
    public async Task Without_embeddings_the_score_is_word_coverage_and_no_model_is_called()
    {
        var (scorer, counter, _) = Create(new GroundingOptions { UseEmbeddings = false });

        var verdict = await scorer.SupportAsync("Business travel must be approved by your manager.", Perks, CancellationToken.None);

        Assert.Equal(0, counter.Inputs);
        Assert.True(verdict.Supported);
        Assert.Null(verdict.Similarity);
    }

    [Fact]
    public async Task Verdicts_alone_match_the_full_judgement_and_a_quoted_claim_costs_no_model_call()
    {
        var (scorer, counter, _) = Create();
        ClaimEvidence[] claims =
        [
            new("With PerksPlus, employees have the opportunity to expense up to $1000 for fitness-related programs.", Perks),
            new("Employees may claim up to $2500 for fitness programs through PerksPlus.", Perks),
            new("Employees may claim up to $1000 for fitness programs through PerksPlus.", Perks),
            new("The company's share price rose sharply last quarter.", Perks),
        ];

        var verdicts = await scorer.AreSupportedAsync(claims, CancellationToken.None);
        var modelCalls = counter.Inputs;
        var full = await scorer.SupportAsync(claims, CancellationToken.None);

        Assert.Equal(full.Select(f => f.Supported), verdicts);
        Assert.Equal([true, false, true, false], verdicts);
        // The quote and the wrong number are settled by words; the paraphrase and the unrelated claim (and the
        // sentences their words put forward) needed the model.
        Assert.InRange(modelCalls, 2, 2 + (2 * new GroundingOptions().SentencesEmbedded));
        Assert.True(counter.Inputs > modelCalls, "the full judgement embeds the quoted claims too");
    }

    /// <summary>Counts the texts sent to the real model.</summary>
    private sealed class CountingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public int Inputs { get; private set; }

        public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = values.ToList();
            Inputs += list.Count;
            return base.GenerateAsync(list, options, cancellationToken);
        }
    }
}
