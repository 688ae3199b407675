using KnowledgeBase.Api.Identity;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Retrieval;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KnowledgeBase.Api.Retrieval;

/// <summary>
/// Debug search for admins and <c>search</c> keys: the fused results with each retriever's rank and score
/// (keyword scores for admins only: they carry corpus-wide statistics).
/// </summary>
public static class SearchEndpoints
{
    public sealed record SearchHit(
        long ChunkId, Guid DocumentId, string Title, string SourceName, int? StartPage, int? EndPage, string HeadingPath, string Snippet,
        double Score, int? DenseRank, double? DenseScore, int? KeywordRank, double? KeywordScore);

    public sealed record SearchResponse(string Query, string Mode, IReadOnlyList<SearchHit> Results);

    public static void MapSearchEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/search", SearchAsync).WithTags("Retrieval").RequireAuthorization(Policies.Search);

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> SearchAsync(
        string? q, int? k, string? mode, string? collection, HttpContext http, QueryEmbedder embedder, HybridRetriever retriever, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > AskRequest.MaxQuestionLength)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad search",
                detail: $"'q' is required and at most {AskRequest.MaxQuestionLength} characters.");
        }

        if (collection?.Length > AskRequest.MaxCollectionLength)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad search",
                detail: $"'collection' is at most {AskRequest.MaxCollectionLength} characters.");
        }

        if (k is < 1 or > 100)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad search", detail: "'k' must be between 1 and 100.");
        }

        RetrievalMode? chosen = null;
        if (mode is not null)
        {
            if (!Enum.TryParse<RetrievalMode>(mode, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad search", detail: "'mode' must be dense, keyword or hybrid.");
            }

            chosen = parsed;
        }

        var vector = await embedder.EmbedAsync(q, cancellationToken);
        var results = await retriever.SearchAsync(q, vector, http.User.ToAccessScope(collection), k ?? 10, chosen, cancellationToken);
        // BM25 statistics (document frequencies, lengths) span every group's documents, so a raw keyword score would
        // reveal whether hidden documents use a term: only admins, who see everything anyway, get it.
        var showKeywordScores = http.User.IsAdmin();
        return TypedResults.Ok(new SearchResponse(q, (chosen?.ToString() ?? "default").ToLowerInvariant(), results.Select(r => new SearchHit(
            r.ChunkId, r.DocumentId, r.Title, r.SourceName, r.StartPage, r.EndPage, r.HeadingPath, CitationSnippet.From(r.Text),
            r.Score, r.DenseRank, r.DenseScore, r.KeywordRank, showKeywordScores ? r.KeywordScore : null)).ToList()));
    }
}
