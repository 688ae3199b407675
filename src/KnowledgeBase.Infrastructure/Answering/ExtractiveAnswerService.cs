using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Grounding;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Grounding;
using KnowledgeBase.Infrastructure.Retrieval;

namespace KnowledgeBase.Infrastructure.Answering;

/// <summary>
/// The extractive answerer with the sentence-support scorer: the sources' sentences are scored against the
/// search query (the question, or the condensed follow-up that names its topic), with the query vector
/// retrieval already computed (a cache hit), then the pure answerer picks, completes and cites them.
/// </summary>
public sealed class ExtractiveAnswerService(ExtractiveAnswerer answerer, SentenceSupportScorer scorer, QueryEmbedder embedder)
{
    public async Task<ExtractiveAnswer> AnswerAsync(string query, IReadOnlyList<RetrievedChunk> sources, CancellationToken cancellationToken)
    {
        var evidence = Evidence.From(sources.Select(s => s.Text).ToList(), sources.Select(s => s.Title).ToList());
        if (evidence.Sentences.Count == 0)
        {
            return answerer.Answer(query, sources, evidence, []);
        }

        var vector = await embedder.EmbedAsync(query, cancellationToken);
        var scores = await scorer.RankAsync(query, evidence, vector, cancellationToken);
        return answerer.Answer(query, sources, evidence, scores);
    }
}
