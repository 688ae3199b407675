using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using KnowledgeBase.Cli.Bench;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Retrieval;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Pgvector;

namespace KnowledgeBase.Cli.Commands;

/// <summary>
/// Retrieval latency and throughput at scale: grows a benchmark collection to the requested number
/// of chunks by copying an indexed collection (text repeated, vectors perturbed so the HNSW graph is
/// not trivially degenerate), then times hybrid search for real questions.
/// </summary>
internal static class BenchQueryCommand
{
    public static Command Create()
    {
        var source = new Option<string?>("--source") { Description = "Indexed collection to copy (e.g. from `kb eval beir`); default: the newest beir-scifact-* collection." };
        var queries = new Option<string>("--queries") { Description = "A queries.jsonl (BEIR) with the questions to time.", DefaultValueFactory = _ => "../shared/corpus/scifact/queries.jsonl" };
        var chunks = new Option<int>("--chunks") { Description = "Chunks in the benchmark collection.", DefaultValueFactory = _ => 100_000 };
        var mode = new Option<RetrievalMode>("--mode") { DefaultValueFactory = _ => RetrievalMode.Hybrid };
        var allCollections = new Option<bool>("--all-collections") { Description = "Search every collection (as an unscoped admin search) instead of the benchmark collection only." };
        var command = new Command("query", "Retrieval latency p50/p95/p99 (with and without query embedding), throughput at 1/8/32 concurrent queries, HNSW recall vs exact search.")
        {
            source, queries, chunks, mode, allCollections,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliHost.Build();
            var dataSource = services.GetRequiredService<NpgsqlDataSource>();
            const string collection = "bench-query";
            var sourceCollection = await SourceCollectionAsync(dataSource, parse.GetValue(source), cancellationToken);
            var total = await EnsureCorpusAsync(dataSource, sourceCollection, collection, parse.GetValue(chunks), cancellationToken);

            var questions = File.ReadLines(parse.GetValue(queries)!).Where(l => l.Length > 0)
                .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!).Take(300).ToList();
            var embedder = services.GetRequiredService<QueryEmbedder>();
            var retriever = services.GetRequiredService<HybridRetriever>();
            var scope = AccessScope.Everything(parse.GetValue(allCollections) ? null : collection);
            var chosen = parse.GetValue(mode);

            // Embedding cost, measured on its own (first sight of each question: no cache).
            var embedMs = new List<double>();
            var vectors = new List<ReadOnlyMemory<float>>();
            foreach (var q in questions)
            {
                var started = Stopwatch.GetTimestamp();
                vectors.Add(await embedder.EmbedAsync(q, cancellationToken));
                embedMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            // Warm the connection pool, plans and caches.
            for (var i = 0; i < 20; i++)
            {
                await retriever.SearchAsync(questions[i], vectors[i], scope, 10, chosen, cancellationToken);
            }

            var searchMs = new List<double>();
            for (var i = 0; i < questions.Count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await retriever.SearchAsync(questions[i], vectors[i], scope, 10, chosen, cancellationToken);
                searchMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            var withEmbedding = searchMs.Zip(embedMs, (s, e) => s + e).ToList();
            var throughput = new Dictionary<string, double>();
            foreach (var concurrency in new[] { 1, 8, 32 })
            {
                var next = -1;
                var started = Stopwatch.GetTimestamp();
                await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < questions.Count)
                    {
                        await retriever.SearchAsync(questions[i], vectors[i], scope, 10, chosen, cancellationToken);
                    }
                }));
                throughput[$"qps@{concurrency}"] = Math.Round(questions.Count / Stopwatch.GetElapsedTime(started).TotalSeconds, 1);
            }

            var ef = services.GetRequiredService<IOptions<RetrievalOptions>>().Value.EfSearch;
            var recall = await HnswRecallAsync(dataSource, collection, vectors.Take(100).ToList(), ef, cancellationToken);
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["chunks"] = total,
                ["mode"] = chosen.ToString().ToLowerInvariant(),
                ["scope"] = scope.Collection ?? "all collections",
                ["queries"] = questions.Count,
                ["searchMs"] = BenchFigures.Percentiles(searchMs),
                ["embedMs"] = BenchFigures.Percentiles(embedMs),
                ["withEmbeddingMs"] = BenchFigures.Percentiles(withEmbedding),
                ["throughput"] = throughput,
                ["efSearch"] = ef,
                ["hnswRecall@10"] = Math.Round(recall, 4),
                ["processors"] = Environment.ProcessorCount,
            }, JsonOptions.Compact));
            return 0;
        });
        return command;
    }

    /// <summary>Copies the source collection until the benchmark collection holds at least <paramref name="target"/> chunks.</summary>
    /// <summary>
    /// The collection to copy: the one named, or the newest BEIR SciFact collection (collection names carry the index
    /// settings, so a fixed default goes stale). Says what to run or pass when there is none.
    /// </summary>
    private static async Task<string> SourceCollectionAsync(NpgsqlDataSource dataSource, string? named, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT d.collection FROM documents d
            WHERE (@named::text IS NULL AND d.collection LIKE 'beir-scifact-%') OR d.collection = @named
            GROUP BY d.collection ORDER BY max(d.created_at) DESC LIMIT 1
            """);
        command.Parameters.AddWithValue("named", (object?)named ?? DBNull.Value);
        if (await command.ExecuteScalarAsync(cancellationToken) is string found)
        {
            return found;
        }

        throw new CliUsageException(named is null
            ? "no BEIR SciFact collection is indexed: run `kb eval beir ../shared/corpus/scifact` first, or pass --source <collection>."
            : $"there is no collection '{named}': pass --source with an indexed collection (see `kb eval beir`).");
    }

    private static async Task<long> EnsureCorpusAsync(NpgsqlDataSource dataSource, string source, string collection, int target, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        async Task<long> CountAsync()
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.collection = @c", connection);
            count.Parameters.AddWithValue("c", collection);
            return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var copy = 0;
        while (await CountAsync() is var current && current < target)
        {
            copy++;
            Console.Error.WriteLine($"bench query: {current} of {target} chunks; adding copy {copy} of '{source}'");
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var insert = new NpgsqlCommand("""
                CREATE TEMP TABLE copied ON COMMIT DROP AS
                SELECT d.id AS old_id, gen_random_uuid() AS new_id FROM documents d WHERE d.collection = @source;
                INSERT INTO documents (id, title, source_name, content_type, sha256, size_bytes, status, error, collection, access_groups,
                                       page_count, chunk_count, warnings, embedding_model, version, created_at, updated_at)
                SELECT m.new_id, d.title, d.source_name || '#' || @copy, d.content_type, md5(m.new_id::text) || md5(d.sha256), d.size_bytes, d.status, NULL,
                       @collection, d.access_groups, d.page_count, d.chunk_count, d.warnings, d.embedding_model, 1, now(), now()
                FROM documents d JOIN copied m ON m.old_id = d.id;
                INSERT INTO chunks (document_id, ordinal, text, token_count, start_page, end_page, heading_path, embedding, search_vector, term_count)
                SELECT m.new_id, c.ordinal, c.text, c.token_count, c.start_page, c.end_page, c.heading_path,
                       c.embedding + (SELECT array_agg((random() * 0.04 - 0.02)::real) FROM generate_series(1, 384) WHERE c.id IS NOT NULL)::vector,
                       c.search_vector, c.term_count
                FROM chunks c JOIN copied m ON m.old_id = c.document_id;
                INSERT INTO chunk_terms (lexeme, chunk_id, document_id, collection, tf, len, impact)
                SELECT t.lexeme, n.id, n.document_id, @collection, t.tf, t.len, t.impact
                FROM copied m
                JOIN chunks o ON o.document_id = m.old_id
                JOIN chunks n ON n.document_id = m.new_id AND n.ordinal = o.ordinal
                JOIN chunk_terms t ON t.chunk_id = o.id;
                INSERT INTO collection_lexeme_stats (lexeme, collection, df)
                SELECT t.lexeme, @collection, count(*)
                FROM copied m JOIN chunks n ON n.document_id = m.new_id JOIN chunk_terms t ON t.chunk_id = n.id
                GROUP BY t.lexeme ORDER BY t.lexeme
                ON CONFLICT (lexeme, collection) DO UPDATE SET df = collection_lexeme_stats.df + excluded.df;
                """, connection);
            insert.CommandTimeout = 0;
            insert.Parameters.AddWithValue("source", source);
            insert.Parameters.AddWithValue("collection", collection);
            insert.Parameters.AddWithValue("copy", copy.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (await insert.ExecuteNonQueryAsync(cancellationToken) <= 0)
            {
                throw new InvalidOperationException($"The source collection '{source}' is empty; index it first (kb eval beir …).");
            }

            await transaction.CommitAsync(cancellationToken);
        }

        await using var analyze = new NpgsqlCommand("ANALYZE documents; ANALYZE chunks; ANALYZE chunk_terms; ANALYZE collection_lexeme_stats;", connection) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync(cancellationToken);
        return await CountAsync();
    }

    /// <summary>Share of the exact top 10 (sequential scan) that the HNSW index returns at this ef_search.</summary>
    private static async Task<double> HnswRecallAsync(NpgsqlDataSource dataSource, string collection, List<ReadOnlyMemory<float>> vectors, int ef, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id
            WHERE d.collection = @collection ORDER BY c.embedding <=> @v LIMIT 10
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        double found = 0, expected = 0;
        foreach (var vector in vectors)
        {
            var approximate = await IdsAsync($"SET hnsw.ef_search = {ef}; SET hnsw.iterative_scan = relaxed_order; SET enable_seqscan = on; SET enable_indexscan = on;");
            var exact = await IdsAsync("SET enable_indexscan = off; SET enable_bitmapscan = off;");
            found += approximate.Intersect(exact).Count();
            expected += exact.Count;

            async Task<List<long>> IdsAsync(string settings)
            {
                await using (var set = new NpgsqlCommand(settings, connection))
                {
                    await set.ExecuteNonQueryAsync(cancellationToken);
                }

                await using var command = new NpgsqlCommand(Sql, connection);
                command.Parameters.AddWithValue("collection", collection);
                command.Parameters.AddWithValue("v", new Vector(vector));
                var ids = new List<long>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetInt64(0));
                }

                return ids;
            }
        }

        return expected == 0 ? 0 : found / expected;
    }
}
