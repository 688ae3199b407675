using System.Diagnostics;
using KnowledgeBase.Core.Chunking;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Infrastructure.Embeddings;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace KnowledgeBase.Infrastructure.Retrieval;

/// <summary>
/// Dense (pgvector HNSW, cosine) and keyword (BM25 over the postings table) retrieval in one SQL
/// round trip, each with the caller's access filter inside its own query, then Reciprocal Rank
/// Fusion and near-duplicate removal. Every result keeps each retriever's rank and score.
/// </summary>
public sealed class HybridRetriever(NpgsqlDataSource dataSource, CorpusStatistics statistics, EmbeddingModel model, IOptions<RetrievalOptions> options)
{
    private const string AccessFilter = $"""
        d.status = '{StatusNames.Ready}'
        AND (@all OR cardinality(d.access_groups) = 0 OR d.access_groups && @groups)
        AND (@collection::text IS NULL OR d.collection = @collection)
        """;

    // Each term reads postings in proportion to its IDF, between @per_term (the query's rarest term) and half
    // of it: a common term's whole contribution is bounded by its small IDF, and common terms have the longest
    // lists, so a typical question reads about half as much (docs/retrieval.md). NULL reads everything.
    private const string WeightedTerms = """
        weighted AS (
            SELECT *, greatest(ceil(@per_term * idf / max(idf) OVER ()), @per_term / 2)::int AS budget FROM idf),
        """;

    // A scoped search is BM25 over that collection alone: its document frequencies, its chunk count and
    // average length, and each term's strongest postings in that collection (impact order, index-only).
    private static readonly string CollectionPostings = $"""
        idf AS (
            SELECT s.lexeme, ln(1 + (greatest(@total, s.df) - s.df + 0.5) / (s.df + 0.5)) AS idf
            FROM terms t JOIN collection_lexeme_stats s ON s.lexeme = t.lexeme AND s.collection = @collection
            WHERE s.df > 0),
        {WeightedTerms}
        postings AS (
            -- Each term's strongest postings first; LIMIT NULL reads them all.
            SELECT w.idf, p.chunk_id, p.document_id, p.tf, p.len
            FROM weighted w CROSS JOIN LATERAL (
                SELECT p.chunk_id, p.document_id, p.tf, p.len FROM chunk_terms p
                WHERE p.collection = @collection AND p.lexeme = w.lexeme ORDER BY p.impact DESC LIMIT w.budget) p),
        """;

    // An unscoped search is BM25 over every collection: document frequencies summed over the collections, and
    // each term's strongest postings in every collection holding it (a superset of each collection's own top).
    private static readonly string AllPostings = $"""
        idf AS (
            SELECT s.lexeme, array_agg(s.collection) AS collections,
                   ln(1 + (greatest(@total, sum(s.df)) - sum(s.df) + 0.5) / (sum(s.df) + 0.5))::float8 AS idf
            FROM terms t JOIN collection_lexeme_stats s ON s.lexeme = t.lexeme
            WHERE s.df > 0
            GROUP BY s.lexeme),
        {WeightedTerms}
        postings AS (
            SELECT w.idf, p.chunk_id, p.document_id, p.tf, p.len
            FROM weighted w CROSS JOIN LATERAL unnest(w.collections) AS c(collection) CROSS JOIN LATERAL (
                SELECT p.chunk_id, p.document_id, p.tf, p.len FROM chunk_terms p
                WHERE p.collection = c.collection AND p.lexeme = w.lexeme ORDER BY p.impact DESC LIMIT w.budget) p),
        """;

    private static readonly string CollectionSearchSql = SearchSql(CollectionPostings);
    private static readonly string AllCollectionsSearchSql = SearchSql(AllPostings);

    private static string SearchSql(string postings) => $"""
        WITH dense AS (
            SELECT c.id, 1 - (c.embedding <=> @vector) AS score
            FROM chunks c JOIN documents d ON d.id = c.document_id
            WHERE @use_dense AND d.embedding_model = @model AND {AccessFilter}
            ORDER BY c.embedding <=> @vector
            LIMIT @n),
        query_terms AS (
            SELECT DISTINCT lexeme FROM unnest(tsvector_to_array(to_tsvector(@config::regconfig, @text))) AS lexeme
            WHERE @use_keyword),
        terms AS (
            SELECT lexeme FROM query_terms
            UNION
            -- Typo tolerance: a term no chunk in scope holds also searches for the most similar lexeme one does (pg_trgm).
            SELECT fix.lexeme FROM query_terms q CROSS JOIN LATERAL (
                SELECT s.lexeme FROM collection_lexeme_stats s
                WHERE s.lexeme % q.lexeme AND s.df > 0 AND (@collection::text IS NULL OR s.collection = @collection)
                ORDER BY similarity(s.lexeme, q.lexeme) DESC, s.df DESC
                LIMIT 1) fix
            WHERE @typos AND length(q.lexeme) >= 4 AND NOT EXISTS (
                SELECT 1 FROM collection_lexeme_stats k
                WHERE k.lexeme = q.lexeme AND k.df > 0 AND (@collection::text IS NULL OR k.collection = @collection))),
        {postings}
        scored AS (
            SELECT chunk_id, document_id, sum(idf * tf * (@k1 + 1) / (tf + @k1 * (1 - @b + @b * len / @avglen))) AS score
            FROM postings
            GROUP BY chunk_id, document_id
            ORDER BY score DESC
            LIMIT @precut),
        keyword AS (
            SELECT s.chunk_id AS id, s.score
            FROM scored s JOIN documents d ON d.id = s.document_id
            WHERE {AccessFilter}
            ORDER BY s.score DESC
            LIMIT @n)
        SELECT c.id, c.document_id, d.title, d.source_name, c.text, c.start_page, c.end_page, c.heading_path, c.embedding,
               dense.score, keyword.score, c.ordinal, c.token_count, c.page_starts
        FROM (SELECT id FROM dense UNION SELECT id FROM keyword) ids
        JOIN chunks c ON c.id = ids.id
        JOIN documents d ON d.id = c.document_id
        LEFT JOIN dense ON dense.id = c.id
        LEFT JOIN keyword ON keyword.id = c.id
        """;

    public async Task<IReadOnlyList<RetrievedChunk>> SearchAsync(
        string text, ReadOnlyMemory<float> vector, AccessScope scope, int k, RetrievalMode? mode, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var chosen = mode ?? settings.Mode;
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("retrieve");
        var started = Stopwatch.GetTimestamp();
        var modeName = chosen.ToString().ToLowerInvariant();
        activity?.SetTag(LangfuseAttributes.ObservationType, LangfuseAttributes.Retriever);
        activity?.SetTag("kb.retrieval.mode", modeName);
        activity?.SetTag("kb.retrieval.k", k);

        var candidates = Math.Max(settings.Candidates, k);
        var rows = await QueryAsync(text, vector, scope, chosen, candidates, exactKeyword: false, cancellationToken);
        var keywordCount = rows.Values.Count(r => r.KeywordScore is not null);
        if (chosen != RetrievalMode.Dense && keywordCount < candidates)
        {
            // The fast path reads only each term's strongest postings and pre-cuts before the access
            // filter; when that leaves too few results (a selective scope), read everything instead.
            activity?.SetTag("kb.retrieval.keyword_exact", true);
            foreach (var row in (await QueryAsync(text, vector, scope, RetrievalMode.Keyword, candidates, exactKeyword: true, cancellationToken)).Values)
            {
                rows[row.Id] = rows.TryGetValue(row.Id, out var existing) ? existing with { KeywordScore = row.KeywordScore } : row;
            }
        }

        var dense = rows.Values.Where(r => r.DenseScore is not null).OrderByDescending(r => r.DenseScore).Select(r => r.Id).ToList();
        var keyword = rows.Values.Where(r => r.KeywordScore is not null).OrderByDescending(r => r.KeywordScore).Select(r => r.Id).ToList();
        var fused = ReciprocalRankFusion.Fuse(dense, keyword, settings.RrfK, settings.DenseWeight, settings.KeywordWeight);
        activity?.SetTag("kb.retrieval.dense_results", dense.Count);
        activity?.SetTag("kb.retrieval.keyword_results", keyword.Count);
        if (settings.PassageTokens == 0)
        {
            var distinct = NearDuplicateFilter.Apply(fused, c => rows[c.Id].Embedding, settings.DuplicateSimilarity, k);
            activity?.SetTag("kb.retrieval.results", distinct.Count);
            RetrievalMetrics.Record(modeName, Stopwatch.GetElapsedTime(started), distinct.Count);
            return distinct.Select(c => ToResult(c, rows[c.Id], rows[c.Id].Text, rows[c.Id].StartPage, rows[c.Id].EndPage, [c.Id], rows[c.Id].PageStarts)).ToList();
        }

        var ranked = NearDuplicateFilter.Apply(fused, c => rows[c.Id].Embedding, settings.DuplicateSimilarity, fused.Count);
        // A passage ranks where its best hit ranks (MaxP). Summing its hits' scores (CombSUM) found one or two
        // more Zava pages but, RRF scores being flat, ranked long SciFact abstracts over short relevant ones.
        var groups = PassageGrouping.Group(ranked, c => rows[c.Id].DocumentId, c => rows[c.Id].Ordinal, k, MergeDistance, MaxMergedChunks).ToList();
        IReadOnlyList<RetrievedChunk> passages;
        using (var widen = KnowledgeBaseTelemetry.Source.StartActivity("passages"))
        {
            passages = await PassagesAsync(groups, rows, vector, settings.PassageTokens, cancellationToken);
            widen?.SetTag("kb.retrieval.passages", passages.Count);
        }

        activity?.SetTag("kb.retrieval.results", passages.Count);
        RetrievalMetrics.Record(modeName, Stopwatch.GetElapsedTime(started), passages.Count);
        return passages;
    }

    // Hits up to two chunks apart belong to one passage (the chunk between is filled in), at most four chunks long.
    private const int MergeDistance = 2;
    private const int MaxMergedChunks = 4;

    private const string NeighboursSql = """
        SELECT c.document_id, c.ordinal, c.text, c.token_count, c.start_page, c.end_page, 1 - (c.embedding <=> @vector), c.page_starts
        FROM chunks c
        JOIN unnest(@documents, @firsts, @lasts) AS w(document_id, first, last)
          ON c.document_id = w.document_id AND c.ordinal BETWEEN w.first AND w.last
        """;

    /// <summary>
    /// Each group's chunks plus its neighbours (read in one query, by the (document, ordinal) index),
    /// widened to the token budget towards the neighbour more similar to the query, and joined into one text.
    /// </summary>
    private async Task<IReadOnlyList<RetrievedChunk>> PassagesAsync(
        List<PassageGroup<RankedCandidate>> groups, Dictionary<long, Row> rows, ReadOnlyMemory<float> vector, int budget,
        CancellationToken cancellationToken)
    {
        if (groups.Count == 0)
        {
            return [];
        }

        // Chunks are mostly near the chunker's 256-token bound: budget / 256 chunks each side is enough to fill the
        // budget (a passage of smaller chunks stays a little under it) and keeps this read small.
        var reach = Math.Clamp(budget / 256, 1, 4);
        var window = new Dictionary<(Guid, int), Neighbour>();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var command = new NpgsqlCommand(NeighboursSql, connection))
        {
            command.Parameters.AddWithValue("documents", groups.Select(g => g.DocumentId).ToArray());
            command.Parameters.AddWithValue("firsts", groups.Select(g => g.First - reach).ToArray());
            command.Parameters.AddWithValue("lasts", groups.Select(g => g.Last + reach).ToArray());
            // Similarity computed in the database: a double per row instead of a 384-float vector.
            command.Parameters.AddWithValue("vector", new Vector(vector));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var startPage = reader.IsDBNull(4) ? (int?)null : reader.GetInt32(4);
                var neighbour = new Neighbour(
                    reader.GetString(2), reader.GetInt32(3), startPage, reader.IsDBNull(5) ? null : reader.GetInt32(5),
                    reader.GetDouble(6), PageStartsOf(reader, 7, startPage));
                window[(reader.GetGuid(0), reader.GetInt32(1))] = neighbour;
            }
        }

        var results = new List<RetrievedChunk>(groups.Count);
        foreach (var group in groups)
        {
            var doc = group.DocumentId;
            var covered = Enumerable.Range(group.First, group.Last - group.First + 1).ToList();
            var tokens = covered.Sum(o => window.TryGetValue((doc, o), out var n) ? n.Tokens : 0);
            var hitPages = HitPages(group, rows);
            var (first, last) = PassageWindow.Widen(group.First, group.Last, tokens,
                o => window.TryGetValue((doc, o), out var n) && WithinPages(n, hitPages) ? new NeighbourChunk(o, n.Tokens, n.Similarity) : null, budget);
            var parts = Enumerable.Range(first, last - first + 1).Select(o => window.TryGetValue((doc, o), out var n) ? n : null).OfType<Neighbour>().ToList();
            var lead = rows[group.Lead.Id];
            if (parts.Count == 0)
            {
                // Deleted between the two reads: return the hit as it was found.
                results.Add(ToResult(group.Lead, lead, lead.Text, lead.StartPage, lead.EndPage, [lead.Id], lead.PageStarts));
                continue;
            }

            var pages = parts.SelectMany(p => new[] { p.StartPage, p.EndPage }).OfType<int>().ToList();
            var (text, pageStarts) = OverlapJoin.Join(parts.Select(p => (p.Text, p.PageStarts)).ToList());
            results.Add(ToResult(group.Lead, lead, text,
                pages.Count > 0 ? pages.Min() : null, pages.Count > 0 ? pages.Max() : null, group.Members.Select(m => m.Id).ToList(), pageStarts));
        }

        return results;
    }

    /// <summary>The pages the passage's hits cover, when widening must stay on them (null: no limit).</summary>
    private (int First, int Last)? HitPages(PassageGroup<RankedCandidate> group, Dictionary<long, Row> rows)
    {
        var pages = group.Members.SelectMany(m => new[] { rows[m.Id].StartPage, rows[m.Id].EndPage }).OfType<int>().ToList();
        return options.Value.PassageWithinHitPages && pages.Count > 0 ? (pages.Min(), pages.Max()) : null;
    }

    private static bool WithinPages(Neighbour chunk, (int First, int Last)? pages) =>
        pages is not { } p || chunk.StartPage is not { } start || (start >= p.First && (chunk.EndPage ?? start) <= p.Last);

    private static RetrievedChunk ToResult(
        RankedCandidate c, Row r, string text, int? startPage, int? endPage, IReadOnlyList<long> hits, IReadOnlyList<PageStart> pageStarts) =>
        new(r.Id, r.DocumentId, r.Title, r.SourceName, text, startPage, endPage, r.HeadingPath,
            c.FusedScore, c.DenseRank, c.KeywordRank, r.DenseScore, r.KeywordScore, hits, r.Text, r.StartPage, pageStarts);

    /// <summary>A chunk's page starts; chunks stored before they were recorded start on their first page.</summary>
    private static IReadOnlyList<PageStart> PageStartsOf(NpgsqlDataReader reader, int ordinal, int? startPage) =>
        reader.IsDBNull(ordinal) ? PageStarts.Whole(startPage) : PageStarts.Unflatten(reader.GetFieldValue<int[]>(ordinal));

    private sealed record Neighbour(string Text, int Tokens, int? StartPage, int? EndPage, double Similarity, IReadOnlyList<PageStart> PageStarts);

    private async Task<Dictionary<long, Row>> QueryAsync(
        string text, ReadOnlyMemory<float> vector, AccessScope scope, RetrievalMode chosen, int candidates, bool exactKeyword, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var corpus = await statistics.GetAsync(scope.Collection, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"SET hnsw.ef_search = {Math.Max(settings.EfSearch, candidates)}"),
                // pgvector 0.8: keep scanning the graph until enough rows pass a selective access filter.
                new NpgsqlBatchCommand("SET hnsw.iterative_scan = relaxed_order"),
                new NpgsqlBatchCommand(FormattableString.Invariant($"SET pg_trgm.similarity_threshold = {settings.TypoSimilarity}")),
            },
        };
        var search = new NpgsqlBatchCommand(scope.Collection is null ? AllCollectionsSearchSql : CollectionSearchSql);
        search.Parameters.AddWithValue("vector", new Vector(vector));
        search.Parameters.AddWithValue("text", KeywordQueryText.Prepare(text));
        // Vectors of another model are not comparable: those documents need re-ingesting.
        search.Parameters.AddWithValue("model", model.Name);
        search.Parameters.AddWithValue("config", settings.TextSearchConfiguration);
        search.Parameters.AddWithValue("use_dense", chosen != RetrievalMode.Keyword);
        search.Parameters.AddWithValue("use_keyword", chosen != RetrievalMode.Dense);
        search.Parameters.AddWithValue("typos", settings.TypoCorrection);
        search.Parameters.AddWithValue("all", scope.SeesEverything);
        search.Parameters.Add(new NpgsqlParameter("groups", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = scope.Groups.ToArray() });
        search.Parameters.Add(new NpgsqlParameter("collection", NpgsqlDbType.Text) { Value = (object?)scope.Collection ?? DBNull.Value });
        search.Parameters.AddWithValue("n", candidates);
        search.Parameters.AddWithValue("total", (double)corpus.Chunks);
        search.Parameters.AddWithValue("avglen", Math.Max(1, corpus.AverageLength));
        search.Parameters.AddWithValue("k1", settings.Bm25K1);
        search.Parameters.Add(new NpgsqlParameter("per_term", NpgsqlDbType.Integer) { Value = exactKeyword ? DBNull.Value : settings.KeywordPostingsPerTerm });
        search.Parameters.Add(new NpgsqlParameter("precut", NpgsqlDbType.Integer) { Value = exactKeyword ? DBNull.Value : candidates * 4 });
        search.Parameters.AddWithValue("b", settings.Bm25B);
        batch.BatchCommands.Add(search);

        var rows = new Dictionary<long, Row>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            // The SET commands return no rows; move to the search's result set.
            while (reader.FieldCount == 0 && await reader.NextResultAsync(cancellationToken))
            {
            }

            while (await reader.ReadAsync(cancellationToken))
            {
                var startPage = reader.IsDBNull(5) ? (int?)null : reader.GetInt32(5);
                var row = new Row(
                    reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    startPage, reader.IsDBNull(6) ? null : reader.GetInt32(6), reader.GetString(7),
                    reader.GetFieldValue<Vector>(8).Memory,
                    reader.IsDBNull(9) ? null : reader.GetDouble(9), reader.IsDBNull(10) ? null : reader.GetDouble(10),
                    reader.GetInt32(11), reader.GetInt32(12), PageStartsOf(reader, 13, startPage));
                rows[row.Id] = row;
            }
        }

        return rows;
    }

    private sealed record Row(
        long Id, Guid DocumentId, string Title, string SourceName, string Text, int? StartPage, int? EndPage, string HeadingPath,
        ReadOnlyMemory<float> Embedding, double? DenseScore, double? KeywordScore, int Ordinal, int Tokens, IReadOnlyList<PageStart> PageStarts);
}
