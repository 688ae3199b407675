using System.CommandLine;
using System.Text.Json;
using KnowledgeBase.Core.Caching;
using KnowledgeBase.Core.Evaluation;
using KnowledgeBase.Infrastructure.Caching;
using KnowledgeBase.Infrastructure.Retrieval;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Cli.Commands;

/// <summary>
/// Scores labelled question pairs (cached question, asked question, should it hit) with the real embedding model
/// and the configured near-miss gate: hit rate, false-hit rate and precision per threshold, on the dev and test
/// splits; the threshold is chosen on dev (best hit rate with false hits ≤ 1 %) and reported on test.
/// </summary>
internal static class EvalCacheCommand
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static readonly double[] Thresholds = [.. Enumerable.Range(70, 30).Select(t => t / 100.0)];

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "JSON lines with \"a\" (cached), \"b\" (asked), \"hit\" (bool), \"kind\", \"split\" (dev|test)." };
        var maxFalse = new Option<double>("--max-false-hits") { Description = "Largest false-hit rate allowed when choosing the threshold.", DefaultValueFactory = _ => 0.01 };
        var command = new Command("cache", "Answer-cache threshold curve: hit rate, false-hit rate and precision per threshold, with and without the near-miss gate.") { file, maxFalse };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = CliHost.Build();
            var embedder = services.GetRequiredService<QueryEmbedder>();
            var gate = services.GetRequiredService<IOptions<CacheOptions>>().Value.Gate.ToGate();
            var scored = new List<ScoredPair>();
            foreach (var line in File.ReadLines(parse.GetValue(file)!).Where(l => l.Trim().Length > 0))
            {
                var json = JsonDocument.Parse(line).RootElement;
                var pair = new CachePair(
                    json.GetProperty("a").GetString()!, json.GetProperty("b").GetString()!, json.GetProperty("hit").GetBoolean(),
                    json.GetProperty("kind").GetString()!, json.GetProperty("split").GetString()!);
                var a = await embedder.EmbedAsync(pair.Cached, cancellationToken);
                var b = await embedder.EmbedAsync(pair.Asked, cancellationToken);
                scored.Add(new ScoredPair(pair, Cosine(a.Span, b.Span), gate.Check(pair.Cached, pair.Asked)));
            }

            var dev = scored.Where(p => p.Pair.Split == "dev").ToList();
            var test = scored.Where(p => p.Pair.Split == "test").ToList();
            var chosen = CachePairMetrics.Choose(dev, Thresholds, parse.GetValue(maxFalse));
            var report = new
            {
                pairs = new { dev = dev.Count, test = test.Count, shouldHit = scored.Count(p => p.Pair.ShouldHit), shouldMiss = scored.Count(p => !p.Pair.ShouldHit) },
                chosenOnDev = chosen,
                atChosen = new { dev = CachePairMetrics.At(dev, chosen), test = CachePairMetrics.At(test, chosen) },
                // What each kind of near-miss does at the chosen threshold on test: served by similarity alone, and after the gate.
                testMissesByKind = test.Where(p => !p.Pair.ShouldHit).GroupBy(p => p.Pair.Kind).OrderBy(g => g.Key).ToDictionary(
                    g => g.Key, g => new { pairs = g.Count(), aboveThreshold = g.Count(p => p.HitsAt(chosen, gated: false)), served = g.Count(p => p.HitsAt(chosen, gated: true)) }),
                gateRejectionsOfParaphrases = scored.Where(p => p.Pair.ShouldHit && p.Gate != GateRejection.None).GroupBy(p => p.Gate.ToString()).ToDictionary(g => g.Key, g => g.Count()),
                curve = Thresholds.Select(t => new { threshold = t, dev = CachePairMetrics.At(dev, t), test = CachePairMetrics.At(test, t) }),
                wrongAtChosen = test.Concat(dev).Where(p => p.HitsAt(chosen, gated: true) != p.Pair.ShouldHit)
                    .Select(p => new { p.Pair.Split, p.Pair.Kind, p.Pair.Cached, p.Pair.Asked, similarity = Math.Round(p.Similarity, 3), gate = p.Gate.ToString() }),
            };
            Console.WriteLine(JsonSerializer.Serialize(report, Indented));
        });
        return command;
    }

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
