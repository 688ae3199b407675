using System.CommandLine;
using System.Text.Json;
using KnowledgeBase.Cli.Evaluation;
using KnowledgeBase.Core.Evaluation;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Answering;
using KnowledgeBase.Infrastructure.Answering.Llm;
using KnowledgeBase.Infrastructure.Grounding;
using KnowledgeBase.Infrastructure.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Cli.Commands;

/// <summary>
/// Asks every question of a ground-truth file (question, truth with inline [file.pdf#page=N]
/// citations; no citation = unanswerable) against already-ingested documents and scores what a user
/// gets: pages shown and opened, the answer, its faithfulness to its sources, and refusals on each side.
/// </summary>
internal static class EvalQaCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "JSON lines with \"question\" and \"truth\"." };
        var collection = new Option<string?>("--collection") { Description = "Only this collection." };
        var output = new Option<string?>("--out") { Description = "Per-question results (JSON lines); default artifacts/eval/qa-<time>.jsonl." };
        var mode = new Option<RetrievalMode?>("--mode") { Description = "Retrieval mode (default: Retrieval:Mode, hybrid)." };
        var judge = new Option<bool>("--judge") { Description = "Also LLM-judged faithfulness and correctness with the configured primary model (replies cached)." };
        var judgeCache = new Option<string?>("--judge-cache") { Description = "Judge reply cache (JSON lines); default artifacts/eval/judge-cache.jsonl." };
        var calibrate = new Option<bool>("--calibrate") { Description = "Also print the refusal threshold with the best balanced accuracy on this (dev) file." };
        var command = new Command("qa", "Page recall@5, page-exact@5, answer token-F1, faithfulness, relevancy, context precision/recall, refusals.")
        {
            file, collection, output, mode, judge, judgeCache, calibrate,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Every question answered afresh: an evaluation must not read (or fill) the answer cache.
            var overrides = new Dictionary<string, string?> { ["Cache:Enabled"] = "false" };
            if (parse.GetValue(mode) is { } chosen)
            {
                overrides["Retrieval:Mode"] = chosen.ToString();
            }

            await using var services = CliHost.Build(overrides);
            var primary = services.GetRequiredService<ChatProviderChain>().Primary;
            if (parse.GetValue(judge) && primary is null)
            {
                Console.Error.WriteLine("--judge needs a chat model (Llm:Providers); none is configured.");
                return 2;
            }

            var answering = services.GetRequiredService<IOptions<AnsweringOptions>>().Value;
            var judgePath = parse.GetValue(judgeCache) ?? Path.Combine("artifacts", "eval", "judge-cache.jsonl");
            var evaluator = new QaEvaluator(
                services.GetRequiredService<AskService>(),
                services.GetRequiredService<HybridRetriever>(),
                services.GetRequiredService<QueryEmbedder>(),
                services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
                services.GetRequiredService<SentenceSupportScorer>(),
                services.GetRequiredService<ExtractiveAnswerService>(),
                services.GetRequiredService<SourceSelector>(),
                services.GetRequiredService<IOptions<RetrievalOptions>>().Value.Candidates,
                Math.Max(answering.TopK, answering.RerankDepth),
                parse.GetValue(judge) ? new LlmJudge(primary!, CreateParent(judgePath)) : null);
            var scope = AccessScope.Everything(parse.GetValue(collection));
            var outPath = CreateParent(parse.GetValue(output) ?? Path.Combine("artifacts", "eval", $"qa-{DateTime.UtcNow:yyyyMMdd-HHmmss}.jsonl"));

            var results = new List<QaResult>();
            await using (var perQuestion = new StreamWriter(outPath))
            {
                foreach (var qa in QaCase.Read(parse.GetValue(file)!))
                {
                    var result = await evaluator.EvaluateAsync(qa, scope, cancellationToken);
                    results.Add(result);
                    await perQuestion.WriteLineAsync(JsonSerializer.Serialize(result, JsonOptions.Compact));
                }
            }

            var summary = QaSummary.Of(results);
            summary["mode"] = (parse.GetValue(mode)?.ToString() ?? "default").ToLowerInvariant();
            summary["perQuestion"] = outPath;
            if (parse.GetValue(calibrate))
            {
                summary["calibration"] = RefusalThreshold.Calibrate(
                    results.Where(r => r.Answerable).Select(r => r.Support).ToList(),
                    results.Where(r => !r.Answerable).Select(r => r.Support).ToList());
            }

            Console.WriteLine(JsonSerializer.Serialize(summary, JsonOptions.Compact));
            return 0;
        });
        return command;
    }

    private static string CreateParent(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return path;
    }
}
