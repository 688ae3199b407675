using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using KnowledgeBase.Cli.Bench;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Caching;
using KnowledgeBase.Infrastructure.Conversations;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Retrieval;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace KnowledgeBase.Cli.Commands;

/// <summary>
/// Answer cache latency with a full table: fills <c>answer_cache</c> to the requested size (synthetic entries over
/// many scopes, a share of them in the measured asker's own scope), then times (1) a hit served end to end through
/// the hub's code path (ConversationService → AskService: admission, lookup, replay, stored conversation) and
/// (2) the lookup a miss adds to a normal ask. The synthetic entries are removed afterwards.
/// </summary>
internal static class BenchCacheCommand
{
    private const string BenchScopePrefix = "bench-cache-";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var entries = new Option<int>("--entries") { Description = "Entries in the table while measuring.", DefaultValueFactory = _ => 100_000 };
        var ownShare = new Option<double>("--own-share") { Description = "Share of the entries in the measured asker's scope.", DefaultValueFactory = _ => 0.05 };
        var asks = new Option<int>("--asks") { Description = "Timed hits and timed miss lookups.", DefaultValueFactory = _ => 300 };
        var warmup = new Option<int>("--warmup")
        {
            Description = "Untimed hits before the timed ones. The default 5 times hits while .NET still runs part of the path as unoptimised (tier-0) code; a few hundred measure a long-running server.",
            DefaultValueFactory = _ => 5,
        };
        var vectors = new Option<string>("--vectors")
        {
            Description = "Embeddings of the filled entries: 'random' (uniform on the sphere, the worst case for HNSW) or 'questions' (real question embeddings with noise).",
            DefaultValueFactory = _ => CacheBenchVectors.Random,
        };
        vectors.AcceptOnlyFromAmong(CacheBenchVectors.Random, CacheBenchVectors.Questions);
        var breakdown = new Option<bool>("--breakdown") { Description = "Also print the mean time per span and SQL statement of a hit and of a miss lookup (where the time goes)." };
        var command = new Command("cache", "Answer cache: hit served through the hub path and miss-lookup overhead, p50/p95/p99 with a full table.") { entries, ownShare, asks, warmup, vectors, breakdown };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliHost.Build(new Dictionary<string, string?> { ["Cache:Enabled"] = "true" });
            var dataSource = services.GetRequiredService<NpgsqlDataSource>();
            var cache = services.GetRequiredService<AnswerCache>();
            var scopes = services.GetRequiredService<CacheScopes>();
            var embedder = services.GetRequiredService<QueryEmbedder>();
            var access = new AccessScope(["bench-group"], false);
            var asker = new Asker($"bench-cache-{Guid.NewGuid():N}", "bench");
            const string question = "How many vacation days do I get per year?";
            var ownScope = scopes.KeyFor(access, asker.UserId, question);
            var total = parse.GetValue(entries);
            var own = (int)(total * parse.GetValue(ownShare));
            var count = parse.GetValue(asks);
            using var spans = parse.GetValue(breakdown) ? new SpanBreakdown() : null;
            try
            {
                var filled = Stopwatch.StartNew();
                var nextVector = await CacheBenchVectors.CreateAsync(parse.GetValue(vectors)!, embedder, cancellationToken);
                await FillAsync(dataSource, ownScope, own, total, nextVector, cancellationToken);
                var fillSeconds = filled.Elapsed.TotalSeconds;

                // The first ask writes the entry (answered as configured), the rest are hits through the hub's path.
                var hitMs = new List<double>();
                string? tier = null;
                for (var i = -Math.Max(1, parse.GetValue(warmup)); i < count; i++)
                {
                    spans?.Listen(i >= 0);
                    await using var scope = services.CreateAsyncScope();
                    var conversations = scope.ServiceProvider.GetRequiredService<ConversationService>();
                    var started = Stopwatch.GetTimestamp();
                    DoneEvent? done = null;
                    await foreach (var e in conversations.AskAsync(new AskRequest(question), asker, access, cancellationToken))
                    {
                        done = e as DoneEvent ?? done;
                    }

                    if (i >= 0)
                    {
                        hitMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        tier = done?.CacheHit == true ? done.Cache!.Tier : "miss";
                    }
                }

                var hitSpans = spans?.Collect(count);
                // A miss: a question never asked in this scope (embedded beforehand: the cost measured is the lookup's).
                var missMs = new List<double>();
                for (var i = 0; i < count; i++)
                {
                    var asked = $"How many vacation days does team {i} get in week {i % 52}?";
                    var vector = await embedder.EmbedAsync(asked, cancellationToken);
                    spans?.Listen(true);
                    missMs.Add(await TimeMissAsync(cache, access, asker, asked, vector, cancellationToken));
                    spans?.Listen(false);
                }

                var missSpans = spans?.Collect(count);
                // The same lookups with every question embedded before the first is timed, so nothing of the embedding
                // (its threads winding down on a small machine) lands in the lookup's time. Both figures are reported.
                var preEmbedded = new List<(string Question, ReadOnlyMemory<float> Vector)>();
                for (var i = 0; i < count; i++)
                {
                    var asked = $"How many vacation days does crew {i} get in season {i % 4}?";
                    preEmbedded.Add((asked, await embedder.EmbedAsync(asked, cancellationToken)));
                }

                var missPreEmbeddedMs = new List<double>();
                foreach (var (asked, vector) in preEmbedded)
                {
                    missPreEmbeddedMs.Add(await TimeMissAsync(cache, access, asker, asked, vector, cancellationToken));
                }

                // The same lookup inside a normal ask (retrieval + extractive answer + stored conversation), against the
                // same ask with the cache off ("cache": false: no lookup, no store), alternating so both see the same noise.
                var askOnMs = new List<double>();
                var askOffMs = new List<double>();
                for (var i = 0; i < count; i++)
                {
                    askOnMs.Add(await TimeAskAsync(services, new AskRequest($"How many vacation days does group {i} get in month {i % 12}?"), asker, access, cancellationToken));
                    askOffMs.Add(await TimeAskAsync(services, new AskRequest($"How many vacation days does unit {i} get in month {i % 12}?", Cache: false), asker, access, cancellationToken));
                }

                var figures = new Dictionary<string, object>
                {
                    ["entries"] = await CountAsync(dataSource, cancellationToken),
                    ["entriesInScope"] = own,
                    ["fillSeconds"] = Math.Round(fillSeconds, 1),
                    ["hitTier"] = tier ?? "none",
                    ["warmupHits"] = Math.Max(1, parse.GetValue(warmup)),
                    ["hitThroughHubPathMs"] = BenchFigures.Percentiles(hitMs),
                    ["missLookupMs"] = BenchFigures.Percentiles(missMs),
                    ["missLookupPreEmbeddedMs"] = BenchFigures.Percentiles(missPreEmbeddedMs),
                    ["missAskCacheOnMs"] = BenchFigures.Percentiles(askOnMs),
                    ["askCacheOffMs"] = BenchFigures.Percentiles(askOffMs),
                    ["vectors"] = parse.GetValue(vectors)!,
                    ["loadAverage"] = BenchFigures.LoadAverage(),
                };
                if (hitSpans is not null && missSpans is not null)
                {
                    figures["hitBreakdownMs"] = hitSpans;
                    figures["missLookupBreakdownMs"] = missSpans;
                }

                Console.WriteLine(JsonSerializer.Serialize(figures, hitSpans is null ? JsonSerializerOptions.Default : Indented));
            }
            finally
            {
                await CleanUpAsync(dataSource, ownScope, asker.UserId);
            }

            return 0;
        });
        return command;
    }

    /// <summary>One lookup of a question never asked in the scope, with its embedding made beforehand: the lookup's own time.</summary>
    private static async Task<double> TimeMissAsync(
        AnswerCache cache, AccessScope access, Asker asker, string asked, ReadOnlyMemory<float> vector, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var lookup = await cache.LookupAsync(new AskRequest(asked), access, asker.UserId, asked, _ => Task.FromResult(vector), cancellationToken);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return lookup.Hit is null ? ms : throw new InvalidOperationException($"'{asked}' unexpectedly hit.");
    }

    private static async Task<double> TimeAskAsync(IServiceProvider services, AskRequest request, Asker asker, AccessScope access, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var conversations = scope.ServiceProvider.GetRequiredService<ConversationService>();
        var started = Stopwatch.GetTimestamp();
        await foreach (var e in conversations.AskAsync(request, asker, access, cancellationToken))
        {
            if (e is DoneEvent { CacheHit: true })
            {
                throw new InvalidOperationException($"'{request.Question}' unexpectedly hit.");
            }
        }

        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>Synthetic entries (see <see cref="CacheBenchVectors"/>), <paramref name="own"/> in the measured scope, the rest over 19 others.</summary>
    private static async Task FillAsync(NpgsqlDataSource dataSource, string ownScope, int own, int total, Func<float[]> nextVector, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Inserting 100,000 rows one by one into the HNSW graph takes half an hour on a busy 2-core machine; building
        // the same index (its own definition, read back) over the loaded table takes a minute or two. What is measured
        // afterwards is the same table and index either way.
        var hnsw = await ScalarAsync<string>(connection, "SELECT indexdef FROM pg_indexes WHERE tablename = 'answer_cache' AND indexdef LIKE '%USING hnsw%'", cancellationToken)
            ?? throw new InvalidOperationException("answer_cache has no HNSW index: run 'kb migrate' first.");
        await ScalarAsync<object>(connection, "SET maintenance_work_mem = '512MB'; DROP INDEX IF EXISTS ix_answer_cache_embedding", cancellationToken);
        try
        {
            await CopyAsync(connection, ownScope, own, total, nextVector, now, cancellationToken);
        }
        finally
        {
            await using var index = new NpgsqlCommand($"{hnsw}; ANALYZE answer_cache", connection) { CommandTimeout = 3600 };
            await index.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string ownScope, int own, int total, Func<float[]> nextVector, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY answer_cache (id, scope_key, question_hash, question, embedding, collection, answer, citations, cited_numbers, source_documents, source_versions, is_refusal, mode, model, cost, input_tokens, output_tokens, created_at, expires_at, last_used_at, hits) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            for (var i = 0; i < total; i++)
            {
                var vector = nextVector();
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(i < own ? ownScope : $"{BenchScopePrefix}{i % 19}", NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync($"bench-{i}", NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync($"Synthetic cached question number {i}?", NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(new Vector(vector), cancellationToken);
                await writer.WriteAsync(DBNull.Value, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync($"Synthetic answer {i}.", NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync("[]", NpgsqlDbType.Jsonb, cancellationToken);
                await writer.WriteAsync(Array.Empty<int>(), NpgsqlDbType.Array | NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(Array.Empty<Guid>(), NpgsqlDbType.Array | NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(Array.Empty<int>(), NpgsqlDbType.Array | NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync("extractive", NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync("extractive", NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(0m, NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(now.AddDays(1), NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
            }

            writer.Timeout = TimeSpan.FromMinutes(30);
            await writer.CompleteAsync(cancellationToken);
        }
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T?)await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM answer_cache");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task CleanUpAsync(NpgsqlDataSource dataSource, string ownScope, string userId)
    {
        await using var command = dataSource.CreateCommand("""
            DELETE FROM answer_cache WHERE scope_key = @own OR scope_key LIKE 'bench-cache-%';
            DELETE FROM conversations WHERE user_id = @user;
            """);
        command.Parameters.AddWithValue("own", ownScope);
        command.Parameters.AddWithValue("user", userId);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
