using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using KnowledgeBase.Cli.Evaluation;
using KnowledgeBase.Core.Chunking;
using KnowledgeBase.Core.Evaluation;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Embeddings;
using KnowledgeBase.Infrastructure.Retrieval;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Cli.Commands;

internal static class EvalBeirCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "A BEIR folder: corpus.jsonl (or corpus.part-*.jsonl), queries.jsonl, qrels/test.tsv." };
        var modes = new Option<string>("--mode") { Description = "dense, keyword, hybrid, or several comma-separated (one JSON line each).", DefaultValueFactory = _ => "hybrid" };
        var limit = new Option<int?>("--limit") { Description = "Only the first N test queries (by id order in qrels)." };
        var command = new Command("beir", "Index a BEIR dataset into its own collection (reused when already indexed) and print nDCG@10, Recall@10/100, MRR@10.")
        {
            directory, modes, limit,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = parse.GetValue(modes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(ParseMode).ToList();
            var dataset = BeirDataset.Load(parse.GetValue(directory)!);
            await using var services = CliHost.Build();
            var model = services.GetRequiredService<EmbeddingModel>();
            var collection = BeirIndexer.CollectionName(dataset.Name, model.Name,
                services.GetRequiredService<IOptions<ChunkingOptions>>().Value, services.GetRequiredService<IOptions<RetrievalOptions>>().Value);

            var indexing = Stopwatch.GetTimestamp();
            await new BeirIndexer(services).IndexAsync(dataset, collection, cancellationToken);
            var indexSeconds = Stopwatch.GetElapsedTime(indexing).TotalSeconds;

            var queries = dataset.Qrels.Keys.Where(dataset.Queries.ContainsKey).OrderBy(id => id, StringComparer.Ordinal).ToList();
            if (parse.GetValue(limit) is { } n)
            {
                queries = queries.Take(n).ToList();
            }

            var embedder = services.GetRequiredService<QueryEmbedder>();
            var retriever = services.GetRequiredService<HybridRetriever>();
            var scope = AccessScope.Everything(collection);
            foreach (var mode in chosen)
            {
                var started = Stopwatch.GetTimestamp();
                var runs = new List<(IReadOnlyList<string> Ranked, IReadOnlyDictionary<string, int> Qrels)>();
                foreach (var id in queries)
                {
                    var text = dataset.Queries[id];
                    var vector = await embedder.EmbedAsync(text, cancellationToken);
                    var results = await retriever.SearchAsync(text, vector, scope, 100, mode, cancellationToken);
                    // Document-level ranking: a document ranks where its best chunk does.
                    runs.Add((results.Select(r => r.SourceName).Distinct().ToList(), dataset.Qrels[id]));
                }

                var scores = RetrievalScores.Average(runs);
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["dataset"] = dataset.Name,
                    ["mode"] = mode.ToString().ToLowerInvariant(),
                    ["model"] = model.Name,
                    ["queries"] = scores.Queries,
                    ["ndcg@10"] = Math.Round(scores.NdcgAt10, 4),
                    ["recall@10"] = Math.Round(scores.RecallAt10, 4),
                    ["recall@100"] = Math.Round(scores.RecallAt100, 4),
                    ["mrr@10"] = Math.Round(scores.MrrAt10, 4),
                    ["corpus"] = dataset.Corpus.Count,
                    ["indexSeconds"] = Math.Round(indexSeconds, 1),
                    ["seconds"] = Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 1),
                }));
            }

            return 0;
        });
        return command;
    }

    private static RetrievalMode ParseMode(string mode) =>
        Enum.TryParse<RetrievalMode>(mode, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new CliUsageException($"--mode '{mode}' is not a retrieval mode: use dense, keyword or hybrid (comma-separated for several).");
}
