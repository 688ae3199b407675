using System.CommandLine;
using System.Text.Json;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Evaluation;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Answering;
using KnowledgeBase.Infrastructure.Retrieval;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Cli.Commands;

/// <summary>
/// Asks every question of a ground-truth file (question, truth with inline [file.pdf#page=N]
/// citations; no citation = unanswerable) against already-ingested documents and scores retrieval
/// at page level, the answer, its citations and its refusals.
/// </summary>
internal static class EvalQaCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "JSON lines with \"question\" and \"truth\"." };
        var collection = new Option<string?>("--collection") { Description = "Only this collection." };
        var output = new Option<string?>("--out") { Description = "Per-question results (JSON lines); default artifacts/eval/qa-<time>.jsonl." };
        var mode = new Option<RetrievalMode?>("--mode") { Description = "Retrieval mode (default: Retrieval:Mode, hybrid)." };
        var command = new Command("qa", "Page-level recall@5, answer token-F1, citation accuracy and refusal accuracy.") { file, collection, output, mode };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Every question answered afresh: an evaluation must not read (or fill) the answer cache.
            var overrides = new Dictionary<string, string?> { ["Cache:Enabled"] = "false" };
            if (parse.GetValue(mode) is { } chosen)
            {
                overrides["Retrieval:Mode"] = chosen.ToString();
            }

            await using var services = CliHost.Build(overrides);
            var embedder = services.GetRequiredService<QueryEmbedder>();
            var retriever = services.GetRequiredService<HybridRetriever>();
            var depth = services.GetRequiredService<IOptions<RetrievalOptions>>().Value.Candidates;
            var ask = services.GetRequiredService<AskService>();
            var scope = AccessScope.Everything(parse.GetValue(collection));
            var outPath = parse.GetValue(output) ?? Path.Combine("artifacts", "eval", $"qa-{DateTime.UtcNow:yyyyMMdd-HHmmss}.jsonl");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
            await using var perQuestion = new StreamWriter(outPath);

            var answerable = 0;
            var pageHits = 0;
            var pageHitsAt10 = 0;
            var pagesShown = new List<int>();
            var f1 = new List<double>();
            var citationScores = new List<double>();
            var unanswerable = 0;
            var refused = 0;
            foreach (var line in File.ReadLines(parse.GetValue(file)!).Where(l => l.Trim().Length > 0))
            {
                using var json = JsonDocument.Parse(line);
                var question = json.RootElement.GetProperty("question").GetString()!;
                var truth = json.RootElement.GetProperty("truth").GetString()!;
                var expected = QaMetrics.ParseTruthCitations(truth);

                var vector = await embedder.EmbedAsync(question, cancellationToken);
                // As deep as the candidate pool (so the first 5 and 10 are what a search for 5 or 10 returns); the rest locates misses.
                var ranked = await retriever.SearchAsync(question, vector, scope, Math.Max(10, depth), null, cancellationToken);
                var top5 = ranked.Take(5).ToList();
                var firstHit = ranked.Select((r, i) => (r, i)).FirstOrDefault(x => expected.Any(e => Matches(e, x.r.SourceName, x.r.StartPage, x.r.EndPage)));
                int? hitRank = firstHit.r is null ? null : firstHit.i + 1;
                var hit = hitRank <= 5;
                var hitAt10 = hitRank <= 10;
                // How much the reader is shown: larger results hit more pages, so recall@5 is read with this beside it.
                var pagesAt5 = top5.SelectMany(r => r.StartPage is { } first
                    ? Enumerable.Range(first, (r.EndPage ?? first) - first + 1).Select(p => $"{r.SourceName}#{p}")
                    : [r.SourceName]).Distinct().Count();

                var answer = await CollectedAnswer.CollectAsync(ask.AskAsync(new AskRequest(question, parse.GetValue(collection)), scope, AskContext.None, cancellationToken), cancellationToken);
                var citedSources = answer.CitedSources;
                var citationAccuracy = citedSources.Count == 0 ? (double?)null
                    : citedSources.Count(c => expected.Any(e => Matches(e, c.SourceName, c.StartPage, c.EndPage))) / (double)citedSources.Count;
                var answerF1 = QaMetrics.TokenF1(answer.Text, truth);
                var isRefusal = QaMetrics.IsRefusal(answer.Text);
                if (expected.Count == 0)
                {
                    unanswerable++;
                    refused += isRefusal ? 1 : 0;
                }
                else
                {
                    answerable++;
                    pageHits += hit ? 1 : 0;
                    pageHitsAt10 += hitAt10 ? 1 : 0;
                    pagesShown.Add(pagesAt5);
                    f1.Add(answerF1);
                    if (citationAccuracy is { } accuracy)
                    {
                        citationScores.Add(accuracy);
                    }
                }

                await perQuestion.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    question,
                    truth,
                    expected = expected.Select(e => $"{e.File}#page={e.Page}"),
                    retrieved = top5.Select(r => $"{r.SourceName}#page={r.StartPage}-{r.EndPage}"),
                    pageHitAt5 = hit,
                    hitRank,
                    pagesAt5,
                    answer = answer.Text,
                    cited = citedSources.Select(c => $"{c.SourceName}#page={c.StartPage}-{c.EndPage}"),
                    citationAccuracy,
                    tokenF1 = Math.Round(answerF1, 4),
                    refusal = isRefusal,
                }));
            }

            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["questions"] = answerable + unanswerable,
                ["answerable"] = answerable,
                ["recall@5"] = answerable == 0 ? null : Math.Round(pageHits / (double)answerable, 4),
                ["recall@10"] = answerable == 0 ? null : Math.Round(pageHitsAt10 / (double)answerable, 4),
                ["pagesAt5"] = pagesShown.Count == 0 ? null : Math.Round(pagesShown.Average(), 2),
                ["answerTokenF1"] = f1.Count == 0 ? null : Math.Round(f1.Average(), 4),
                ["citationAccuracy"] = citationScores.Count == 0 ? null : Math.Round(citationScores.Average(), 4),
                ["refusalAccuracy"] = unanswerable == 0 ? null : Math.Round(refused / (double)unanswerable, 4),
                ["unanswerable"] = unanswerable,
                ["mode"] = (parse.GetValue(mode)?.ToString() ?? "default").ToLowerInvariant(),
                ["perQuestion"] = outPath,
            }));
            return 0;
        });
        return command;
    }

    /// <summary>A retrieved span hits an expected citation when the file matches and the page is within the span.</summary>
    private static bool Matches(TruthCitation expected, string sourceName, int? startPage, int? endPage) =>
        string.Equals(expected.File, sourceName, StringComparison.OrdinalIgnoreCase)
        && (expected.Page is not { } page || (startPage <= page && page <= (endPage ?? startPage)));
}
