using System.Diagnostics;
using System.Text.Json;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Caching;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace KnowledgeBase.Infrastructure.Caching;

/// <summary>
/// The answer cache, in PostgreSQL so every Api replica shares it: an exact tier (scope key + hash of the
/// normalised question) and then a semantic tier (the question's embedding, nearest entries of the same scope
/// through the HNSW index), whose candidates must also pass the <see cref="NearMissGate"/>. Whatever is found is
/// served only when every source document still exists at the cached version, in the cached collection, and is
/// readable by the asker. A cache failure never fails an answer: it is logged and treated as a miss.
/// </summary>
public sealed partial class AnswerCache(
    NpgsqlDataSource dataSource, CacheScopes scopes, IOptions<CacheOptions> options, TimeProvider time, ILogger<AnswerCache> logger)
{
    public const string Refusals = "refusals";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Columns = """
        e.id, e.question, e.answer, e.citations::text, e.cited_numbers, e.mode, e.model, e.cost, e.created_at,
        (SELECT count(*) FROM unnest(e.source_documents, e.source_versions) AS s(id, version)
           JOIN documents d ON d.id = s.id AND d.version = s.version AND (e.collection IS NULL OR d.collection = e.collection)
           WHERE @all OR cardinality(d.access_groups) = 0 OR d.access_groups && @groups) = cardinality(e.source_documents) AS readable
        """;

    private const string ExactSql = $"""
        SELECT {Columns}, 1.0::float8 AS similarity FROM answer_cache e
        WHERE e.scope_key = @scope AND e.question_hash = @hash AND e.expires_at > @now
        """;

    private const string SemanticSql = $"""
        SELECT {Columns}, 1 - (e.embedding <=> @vector) AS similarity FROM answer_cache e
        WHERE e.scope_key = @scope AND e.expires_at > @now
        ORDER BY e.embedding <=> @vector LIMIT @n
        """;

    private const string TouchSql = "UPDATE answer_cache SET last_used_at = @now, hits = hits + 1 WHERE id = @id";

    private const string ForgetSql = "DELETE FROM answer_cache WHERE id = @id";

    // Kept only when no source changed (or vanished) since the answer's retrieval: a change committed in between
    // has already run its invalidation, which could not see this row.
    private const string StoreSql = """
        INSERT INTO answer_cache (id, scope_key, question_hash, question, embedding, collection, answer, citations, cited_numbers,
            source_documents, source_versions, is_refusal, mode, model, cost, input_tokens, output_tokens, created_at, expires_at, last_used_at, hits)
        SELECT @id, @scope, @hash, @question, @vector, @collection, @answer, @citations::jsonb, @cited,
            @sources, array(SELECT d.version FROM unnest(@sources) WITH ORDINALITY AS s(id, n) JOIN documents d ON d.id = s.id ORDER BY s.n),
            @refusal, @mode, @model, @cost, @input, @output, @now, @expires, @now, 0
        WHERE (SELECT count(*) FROM documents d WHERE d.id = ANY(@sources) AND d.updated_at <= @asked) = cardinality(@sources)
        ON CONFLICT (scope_key, question_hash) DO UPDATE SET
            question = excluded.question, embedding = excluded.embedding, answer = excluded.answer, citations = excluded.citations,
            cited_numbers = excluded.cited_numbers, source_documents = excluded.source_documents, source_versions = excluded.source_versions,
            is_refusal = excluded.is_refusal, mode = excluded.mode, model = excluded.model, cost = excluded.cost,
            input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens, created_at = excluded.created_at,
            expires_at = excluded.expires_at, last_used_at = excluded.last_used_at, hits = 0
        """;

    private const string EvictSql = """
        DELETE FROM answer_cache WHERE expires_at <= @now;
        DELETE FROM answer_cache WHERE id IN (
            SELECT id FROM answer_cache ORDER BY last_used_at LIMIT (SELECT greatest(count(*) - @max, 0) FROM answer_cache));
        """;

    /// <summary>Eviction runs after every this many stores (and sweeps expired entries too).</summary>
    private const int EvictEvery = 64;

    private int stores;

    public bool Enabled => options.Value.Enabled;

    /// <summary>
    /// Decides whether this ask may use the cache and looks it up. <paramref name="question"/> is what the answer is
    /// for: the condensed standalone query for a follow-up, else the question. <paramref name="embed"/> is called only
    /// when the exact tier has no answer: an exact hit costs no embedding.
    /// </summary>
    public async Task<CacheLookup> LookupAsync(
        AskRequest request, AccessScope scope, string? userId, string question, Func<CancellationToken, Task<ReadOnlyMemory<float>>> embed, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return CacheLookup.Off;
        }

        // Asked not to, or a regenerate: the asker wants a new answer, not the one they have.
        if (request.Cache == false || request.Replaces is not null)
        {
            CacheMetrics.Count(CacheMetrics.NoTier, CacheMetrics.Bypass);
            return CacheLookup.Off;
        }

        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("cache lookup");
        var key = new CacheKey(scopes.KeyFor(scope, userId, question), question.Trim(), QuestionText.Hash(QuestionText.Normalise(question)), scope, time.GetUtcNow());
        ReadOnlyMemory<float>? vector = null;
        try
        {
            var (hit, tier, outcome) = await FindAsync(key, async token => (vector = await embed(token)).Value, cancellationToken);
            CacheMetrics.Count(tier, outcome);
            activity?.SetTag("kb.cache.hit", hit is not null);
            activity?.SetTag("kb.cache.tier", tier);
            activity?.SetTag("kb.cache.outcome", outcome);
            activity?.SetTag("kb.cache.similarity", hit?.Info.Similarity);
            return new CacheLookup(key, hit, vector);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or JsonException)
        {
            LogLookupFailed(e);
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            return new CacheLookup(key, null, vector);
        }
    }

    /// <summary>Keeps a finished answer when it may be kept (see <see cref="AnswerToCache.Cacheable"/>).</summary>
    public async Task StoreAsync(CacheKey key, ReadOnlyMemory<float> vector, AnswerToCache answer, CancellationToken cancellationToken)
    {
        if (!answer.Cacheable)
        {
            return;
        }

        var settings = options.Value;
        var now = time.GetUtcNow();
        var jitter = 1 + ((Random.Shared.NextDouble() * 2) - 1) * settings.TtlJitter;
        var sources = answer.Citations.Select(c => c.DocumentId).Distinct().ToArray();
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using (var command = new NpgsqlCommand(StoreSql, connection))
            {
                var p = command.Parameters;
                p.AddWithValue("id", Guid.CreateVersion7(now));
                p.AddWithValue("scope", key.Scope);
                p.AddWithValue("hash", key.QuestionHash);
                p.AddWithValue("question", key.Question);
                p.AddWithValue("vector", new Vector(vector));
                p.Add(new NpgsqlParameter("collection", NpgsqlDbType.Text) { Value = (object?)key.Access.Collection ?? DBNull.Value });
                p.AddWithValue("answer", answer.Text);
                p.AddWithValue("citations", JsonSerializer.Serialize(new StoredCitations(answer.Citations, answer.Located), Json));
                p.AddWithValue("cited", answer.CitedNumbers.ToArray());
                p.AddWithValue("sources", sources);
                p.AddWithValue("refusal", !answer.Answered || answer.CitedNumbers.Count == 0);
                p.AddWithValue("mode", answer.Mode);
                p.AddWithValue("model", answer.Model);
                p.AddWithValue("cost", answer.Cost);
                p.AddWithValue("input", answer.Usage.InputTokens);
                p.AddWithValue("output", answer.Usage.OutputTokens);
                p.AddWithValue("now", now);
                p.AddWithValue("expires", now + TimeSpan.FromHours(settings.TtlHours * jitter));
                p.AddWithValue("asked", key.AskedAt);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            if (Interlocked.Increment(ref stores) % EvictEvery == 0)
            {
                await EvictAsync(connection, now, cancellationToken);
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            LogStoreFailed(e);
        }
    }

    /// <summary>Removes every entry, or those of one collection; returns how many.</summary>
    public async Task<int> PurgeAsync(string? collection, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(collection is null
            ? "DELETE FROM answer_cache"
            : "DELETE FROM answer_cache WHERE collection = @collection");
        if (collection is not null)
        {
            command.Parameters.AddWithValue("collection", collection);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<(CachedAnswer? Hit, string Tier, string Outcome)> FindAsync(
        CacheKey key, Func<CancellationToken, Task<ReadOnlyMemory<float>>> embed, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            var exact = await ReadAsync(connection, ExactSql, key, null, cancellationToken);
            if (exact.Count > 0 && await ServableAsync(connection, exact[0], cancellationToken) is { } found)
            {
                return (found.ToAnswer(CacheMetrics.Exact, key.AskedAt), CacheMetrics.Exact, CacheMetrics.Hit);
            }
        }

        // The connection goes back to the pool while the question is embedded.
        var vector = await embed(cancellationToken);
        await using var semantic = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FindSimilarAsync(semantic, key, vector, settings, cancellationToken);
    }

    private async Task<(CachedAnswer? Hit, string Tier, string Outcome)> FindSimilarAsync(
        NpgsqlConnection connection, CacheKey key, ReadOnlyMemory<float> vector, CacheOptions settings, CancellationToken cancellationToken)
    {
        var candidates = await ReadAsync(connection, SemanticSql, key, vector, cancellationToken);
        if (candidates.Count == 0)
        {
            return (null, CacheMetrics.Semantic, CacheMetrics.Miss);
        }

        candidates.Sort((a, b) => b.Similarity.CompareTo(a.Similarity));
        CacheMetrics.Similarity.Record(candidates[0].Similarity);
        var gate = settings.Gate.ToGate();
        var asked = QuestionFeatures.Of(key.Question);
        var rejected = false;
        foreach (var candidate in candidates.Where(c => c.Similarity >= settings.Threshold))
        {
            if (gate.Check(QuestionFeatures.Of(candidate.Question), asked) != GateRejection.None)
            {
                rejected = true;
                continue;
            }

            if (await ServableAsync(connection, candidate, cancellationToken) is { } found)
            {
                return (found.ToAnswer(CacheMetrics.Semantic, key.AskedAt), CacheMetrics.Semantic, CacheMetrics.Hit);
            }
        }

        return (null, CacheMetrics.Semantic, rejected ? CacheMetrics.RejectedByGate : CacheMetrics.Miss);
    }

    /// <summary>
    /// A readable entry is served (and marked used); one whose sources changed or became unreadable was missed by
    /// an invalidation (defence in depth): it is deleted, never served.
    /// </summary>
    private async Task<Row?> ServableAsync(NpgsqlConnection connection, Row row, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        if (row.Readable)
        {
            // The touch only feeds LRU eviction: a crash may lose its last fraction of a second, which costs nothing,
            // so the hit does not wait for it to reach the disk (one round trip, no WAL flush on the hit's path).
            batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"));
        }

        var command = new NpgsqlBatchCommand(row.Readable ? TouchSql : ForgetSql);
        command.Parameters.AddWithValue("id", row.Id);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        batch.BatchCommands.Add(command);
        if (row.Readable)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return row.Readable ? row : null;
    }

    private async Task<List<Row>> ReadAsync(NpgsqlConnection connection, string sql, CacheKey key, ReadOnlyMemory<float>? vector, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        if (vector is not null)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"SET hnsw.ef_search = {Math.Max(40, options.Value.Candidates)}"));
            // pgvector 0.8: keep walking the graph until enough entries of this scope turn up.
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SET hnsw.iterative_scan = relaxed_order"));
        }

        var query = new NpgsqlBatchCommand(sql);
        var p = query.Parameters;
        p.AddWithValue("scope", key.Scope);
        p.AddWithValue("hash", key.QuestionHash);
        p.AddWithValue("now", key.AskedAt);
        p.AddWithValue("all", key.Access.SeesEverything);
        p.Add(new NpgsqlParameter("groups", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = key.Access.Groups.ToArray() });
        if (vector is { } v)
        {
            p.AddWithValue("vector", new Vector(v));
            p.AddWithValue("n", options.Value.Candidates);
        }

        batch.BatchCommands.Add(query);
        var rows = new List<Row>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (reader.FieldCount == 0 && await reader.NextResultAsync(cancellationToken))
        {
        }

        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Row(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<int[]>(4),
                reader.GetString(5), reader.GetString(6), reader.GetDecimal(7), reader.GetFieldValue<DateTimeOffset>(8), reader.GetBoolean(9), reader.GetDouble(10)));
        }

        return rows;
    }

    private async Task EvictAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(EvictSql, connection);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("max", options.Value.MaxEntries);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answer cache lookup failed; answering without it")]
    private partial void LogLookupFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing an answer in the cache failed")]
    private partial void LogStoreFailed(Exception e);

    private sealed record Row(
        Guid Id, string Question, string Answer, string Citations, int[] CitedNumbers, string Mode, string Model, decimal Cost,
        DateTimeOffset CreatedAt, bool Readable, double Similarity)
    {
        public CachedAnswer ToAnswer(string tier, DateTimeOffset now)
        {
            var citations = JsonSerializer.Deserialize<StoredCitations>(Citations, Json);
            return new(
                Id, Answer, citations?.Retrieved ?? [], citations?.Located ?? [], CitedNumbers, Mode, Model,
                new CacheInfo(tier, Math.Round(Similarity, 4), (long)Math.Max(0, (now - CreatedAt).TotalSeconds), Cost));
        }
    }
}
