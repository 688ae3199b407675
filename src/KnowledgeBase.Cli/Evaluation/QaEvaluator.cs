using System.Numerics.Tensors;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Evaluation;
using KnowledgeBase.Core.Grounding;
using KnowledgeBase.Core.Guardrails;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Answering;
using KnowledgeBase.Infrastructure.Grounding;
using KnowledgeBase.Infrastructure.Retrieval;
using Microsoft.Extensions.AI;

namespace KnowledgeBase.Cli.Evaluation;

/// <summary>
/// Asks one ground-truth question the way a user would (the whole answer stream) and measures what the
/// user gets: the pages shown and opened, the answer against the truth, whether each answer sentence is
/// supported by the sources it cites (faithfulness), and how close the answer is to the question.
/// </summary>
internal sealed class QaEvaluator(
    AskService ask,
    HybridRetriever retriever,
    QueryEmbedder queries,
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    SentenceSupportScorer scorer,
    ExtractiveAnswerService extractive,
    SourceSelector selector,
    int depth,
    int sourceDepth,
    LlmJudge? judge)
{
    public async Task<QaResult> EvaluateAsync(QaCase qa, AccessScope scope, CancellationToken cancellationToken)
    {
        var expected = qa.Expected;
        var vector = await queries.EmbedAsync(qa.Question, cancellationToken);
        // As deep as the candidate pool: the rank of the first hit locates misses beyond the five shown.
        var ranked = await retriever.SearchAsync(qa.Question, vector, scope, Math.Max(10, depth), null, cancellationToken);
        var hitIndex = ranked.ToList().FindIndex(r => expected.Any(new PageSpan(r.SourceName, r.StartPage, r.EndPage).Covers));

        var answer = await CollectedAnswer.CollectAsync(ask.AskAsync(new AskRequest(qa.Question, scope.Collection), scope, AskContext.None, cancellationToken), cancellationToken);
        var shown = answer.Citations.Select(c => new PageSpan(c.SourceName, c.StartPage, c.EndPage, c.Page)).ToList();
        var cited = answer.CitedSources;
        var refusal = QaMetrics.IsRefusal(answer.Text);
        // The sources the answer was written from, again (the first passages of a deeper search are the same).
        var sources = await selector.SelectAsync(qa.Question, vector, ranked.Take(sourceDepth).ToList(), cancellationToken);
        var support = (await extractive.AnswerAsync(qa.Question, sources, cancellationToken)).Support;
        var claims = refusal ? [] : await ClaimsAsync(answer, cancellationToken);

        return new QaResult
        {
            Question = qa.Question,
            Truth = qa.Truth,
            Answerable = qa.Answerable,
            Expected = expected.Select(e => $"{e.File}#page={e.Page}").ToList(),
            Retrieved = answer.Citations.Select(c => $"{c.SourceName}#page={c.StartPage}-{c.EndPage}@{c.Page}").ToList(),
            PageHitAt5 = ContextMetrics.PageHit(expected, shown),
            PageExactAt5 = ContextMetrics.PageExact(expected, shown),
            HitRank = hitIndex < 0 ? null : hitIndex + 1,
            Ranked = ranked.Select(r => $"{r.SourceName}#page={r.StartPage}-{r.EndPage}").ToList(),
            PagesAt5 = ContextMetrics.DistinctPages(shown),
            ContextPrecision = Math.Round(ContextMetrics.Precision(expected, shown), 4),
            ContextRecall = Math.Round(ContextMetrics.Recall(expected, shown), 4),
            Answer = answer.Text,
            Refusal = refusal,
            Support = Math.Round(support, 4),
            Cited = cited.Select(c => $"{c.SourceName}#page={c.Page}").ToList(),
            CitationAccuracy = cited.Count == 0 ? null
                : Math.Round(cited.Count(c => expected.Any(new PageSpan(c.SourceName, c.StartPage, c.EndPage).Covers)) / (double)cited.Count, 4),
            TokenF1 = Math.Round(QaMetrics.TokenF1(answer.Text, qa.Truth), 4),
            Faithfulness = claims.Count == 0 ? null : Math.Round(claims.Count(c => c.Supported) / (double)claims.Count, 4),
            Claims = claims,
            GroundingFlags = [.. (answer.Guardrails ?? []).Where(g => g.Rule is GuardRules.Groundedness or GuardRules.CitationSupport).Select(g => g.Rule)],
            AnswerMs = answer.Done?.LatencyMs,
            AnswerRelevancy = refusal || answer.Text.Length == 0 ? null : Math.Round(await RelevancyAsync(vector, answer.Text, cancellationToken), 4),
            JudgedFaithfulness = judge is null || refusal ? null : await judge.FaithfulnessAsync(qa.Question, answer, cancellationToken),
            JudgedCorrectness = judge is null || !qa.Answerable ? null : await judge.CorrectnessAsync(qa.Question, qa.Truth, answer.Text, cancellationToken),
        };
    }

    /// <summary>Each answer sentence against the passages of the sources it cites (a sentence citing nothing is unsupported).</summary>
    private async Task<IReadOnlyList<ClaimResult>> ClaimsAsync(CollectedAnswer answer, CancellationToken cancellationToken)
    {
        var claims = AnswerClaims.Split(answer.Text);
        var passages = answer.Citations.ToDictionary(c => c.Number, c => c.Passage ?? c.Snippet);
        var verdicts = await scorer.SupportAsync(
            claims.Select(c => new ClaimEvidence(c.Text, Evidence.From(c.SourceNumbers.Where(passages.ContainsKey).Select(n => passages[n]).ToList()))).ToList(),
            cancellationToken);
        return claims.Zip(verdicts, (c, v) => new ClaimResult(c.Text, c.SourceNumbers, Math.Round(v.Score, 4), v.Supported, v.MissingNumbers)).ToList();
    }

    /// <summary>RAGAS answer relevancy without a model to generate questions: cosine of question and answer embeddings.</summary>
    private async Task<double> RelevancyAsync(ReadOnlyMemory<float> question, string answerText, CancellationToken cancellationToken)
    {
        var text = string.Join(' ', AnswerClaims.Split(answerText).Select(c => c.Text));
        var answer = (await embeddings.GenerateAsync([text.Length > 0 ? text : answerText], cancellationToken: cancellationToken))[0].Vector;
        return TensorPrimitives.CosineSimilarity(question.Span, answer.Span);
    }
}
