using System.Numerics.Tensors;
using KnowledgeBase.Core.Grounding;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Infrastructure.Grounding;

/// <summary>A claim and the evidence it must be supported by (e.g. an answer sentence and its cited sources).</summary>
public sealed record ClaimEvidence(string Claim, Evidence Evidence);

/// <summary>
/// Scores how well sentences are supported by texts: IDF-weighted word coverage for every evidence
/// sentence, plus the embedding model's cosine similarity for the few sentences the words put forward
/// (embedded lazily, cached by sentence text). One scorer serves the extractive answerer (which
/// sentence answers the question), the groundedness guardrail and the faithfulness metric (is each
/// answer sentence supported by the sources it cites).
/// </summary>
public sealed class SentenceSupportScorer(
    IEmbeddingGenerator<string, Embedding<float>> generator,
    SentenceVectorCache cache,
    IOptions<GroundingOptions> options)
{
    public SupportCalibration Calibration => options.Value.Calibration;

    /// <summary>
    /// Every sentence of <paramref name="evidence"/> scored as support for <paramref name="question"/> (misspelt
    /// question words are matched to the evidence's words).
    /// Pass the question's vector when already computed (retrieval embeds it) to save a model call.
    /// </summary>
    public async Task<IReadOnlyList<SentenceScore>> RankAsync(
        string question, Evidence evidence, ReadOnlyMemory<float>? questionVector, CancellationToken cancellationToken)
    {
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("grounding.rank");
        activity?.SetTag("kb.grounding.sentences", evidence.Sentences.Count);
        var lexical = SentenceSupport.Lexical(question, evidence, tolerateTypos: true);
        var similarity = await SimilaritiesAsync([new Request(question, questionVector, evidence, lexical)], cancellationToken);
        return SentenceSupport.Score(evidence, lexical, similarity[0], Calibration);
    }

    /// <summary>How well one claim is supported by its evidence.</summary>
    public async Task<ClaimSupport> SupportAsync(string claim, Evidence evidence, CancellationToken cancellationToken) =>
        (await SupportAsync([new ClaimEvidence(claim, evidence)], cancellationToken))[0];

    /// <summary>Each claim against its own evidence; every vector not yet cached is computed in one model call.</summary>
    public async Task<IReadOnlyList<ClaimSupport>> SupportAsync(IReadOnlyList<ClaimEvidence> claims, CancellationToken cancellationToken)
    {
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("grounding.support");
        activity?.SetTag("kb.grounding.claims", claims.Count);
        var verdicts = await JudgeAsync([.. claims.Select(ClaimRequest)], cancellationToken);
        activity?.SetTag("kb.grounding.supported", verdicts.Count(v => v.Supported));
        return verdicts;
    }

    /// <summary>
    /// Only the verdicts of <see cref="SupportAsync(IReadOnlyList{ClaimEvidence}, CancellationToken)"/>, the same ones,
    /// cheaper: a claim its words settle (a quote of its source; a number no source holds) costs no model call.
    /// </summary>
    public async Task<IReadOnlyList<bool>> AreSupportedAsync(IReadOnlyList<ClaimEvidence> claims, CancellationToken cancellationToken)
    {
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("grounding.support");
        activity?.SetTag("kb.grounding.claims", claims.Count);
        var calibration = Calibration;
        var requests = claims.Select(ClaimRequest).ToList();
        var verdicts = requests.Select(r => SentenceSupport.VerdictByWords(r.Text, r.Evidence, r.Lexical, calibration)).ToArray();
        var open = Enumerable.Range(0, claims.Count).Where(i => verdicts[i] is null).ToList();
        activity?.SetTag("kb.grounding.settled_by_words", claims.Count - open.Count);
        if (open.Count > 0)
        {
            var judged = await JudgeAsync([.. open.Select(i => requests[i])], cancellationToken);
            for (var k = 0; k < open.Count; k++)
            {
                verdicts[open[k]] = judged[k].Supported;
            }
        }

        activity?.SetTag("kb.grounding.supported", verdicts.Count(v => v == true));
        return [.. verdicts.Select(v => v!.Value)];
    }

    private sealed record Request(string Text, ReadOnlyMemory<float>? Vector, Evidence Evidence, double[] Lexical);

    private static Request ClaimRequest(ClaimEvidence claim) => new(claim.Claim, null, claim.Evidence, SentenceSupport.Lexical(claim.Claim, claim.Evidence));

    private async Task<IReadOnlyList<ClaimSupport>> JudgeAsync(IReadOnlyList<Request> requests, CancellationToken cancellationToken)
    {
        var similarities = await SimilaritiesAsync(requests, cancellationToken);
        var calibration = Calibration;
        return [.. requests.Select((r, i) => SentenceSupport.Judge(r.Text, r.Evidence, SentenceSupport.Score(r.Evidence, r.Lexical, similarities[i], calibration), calibration))];
    }

    /// <summary>For each request, the cosine between its text and each shortlisted evidence sentence (by sentence index).</summary>
    private async Task<IReadOnlyDictionary<int, double>[]> SimilaritiesAsync(IReadOnlyList<Request> requests, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var result = new IReadOnlyDictionary<int, double>[requests.Count];
        if (!settings.UseEmbeddings || settings.SentencesEmbedded == 0)
        {
            Array.Fill(result, new Dictionary<int, double>());
            return result;
        }

        var shortlists = requests.Select(r => SentenceSupport.Shortlist(r.Lexical, settings.SentencesEmbedded)).ToList();
        var texts = requests.Where(r => r.Vector is null).Select(r => r.Text)
            .Concat(requests.SelectMany((r, i) => shortlists[i].Select(s => r.Evidence.Sentences[s].Text)));
        var vectors = await VectorsAsync(texts, cancellationToken);
        for (var i = 0; i < requests.Count; i++)
        {
            var own = requests[i].Vector ?? vectors[requests[i].Text];
            var sentences = requests[i].Evidence.Sentences;
            result[i] = shortlists[i].ToDictionary(s => s, s => (double)TensorPrimitives.CosineSimilarity(own.Span, vectors[sentences[s].Text].Span));
        }

        return result;
    }

    private async Task<Dictionary<string, ReadOnlyMemory<float>>> VectorsAsync(IEnumerable<string> texts, CancellationToken cancellationToken)
    {
        var vectors = new Dictionary<string, ReadOnlyMemory<float>>(StringComparer.Ordinal);
        var missing = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            if (!seen.Add(text))
            {
                continue;
            }

            if (cache.TryGet(text, out var cached))
            {
                vectors[text] = cached;
            }
            else
            {
                missing.Add(text);
            }
        }

        if (missing.Count > 0)
        {
            var embedded = await generator.GenerateAsync(missing, cancellationToken: cancellationToken);
            for (var i = 0; i < missing.Count; i++)
            {
                vectors[missing[i]] = embedded[i].Vector;
                cache.Add(missing[i], embedded[i].Vector);
            }
        }

        return vectors;
    }
}
