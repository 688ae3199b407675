using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using KnowledgeBase.Cli.Bench;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Evaluation;
using KnowledgeBase.Core.Guardrails;
using KnowledgeBase.Core.Guardrails.Injection;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Guardrails;
using KnowledgeBase.Infrastructure.Ingestion;
using KnowledgeBase.Infrastructure.Ingestion.Parsers;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace KnowledgeBase.Cli.Commands;

/// <summary>
/// Runs a labelled guardrails set: answers streamed through the output guard (in the chunks given, or as an LLM or the
/// extractive answerer would stream them), questions through the input check, documents through the real parsers and
/// the ingestion check. Prints per-rule precision and recall (per split: dev was used while tuning, test was not), the
/// false-block rate on benign look-alikes and on a file of ground-truth answers streamed as benign model output, and
/// the rules' time per answer. Needs no database.
/// </summary>
internal static partial class EvalGuardrailsCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Labelled cases (JSON lines; see tests/Evaluation/guardrails.jsonl)." };
        var benign = new Option<string?>("--benign") { Description = "Ground-truth answers (\"truth\" per line) streamed as benign model output.", DefaultValueFactory = _ => "../shared/corpus/zava/ground_truth.jsonl" };
        var output = new Option<string?>("--out") { Description = "Per-case results (JSON lines); default artifacts/eval/guardrails-<time>.jsonl." };
        var command = new Command("guardrails", "Per-rule precision/recall, false blocks on benign answers, rule time per answer.") { file, benign, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var lines = File.ReadLines(parse.GetValue(file)!).Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
            var config = lines.Count > 0 && lines[0].TryGetProperty("config", out var c)
                ? c.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString())
                : [];
            await using var services = CliHost.Build(config);
            var run = new Runner(services.GetRequiredService<GuardrailService>(), services.GetRequiredService<ParseStep>(), services.GetRequiredService<InjectionScreenStep>());
            var outPath = parse.GetValue(output) ?? Path.Combine("artifacts", "eval", $"guardrails-{DateTime.UtcNow:yyyyMMdd-HHmmss}.jsonl");
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
            await using var perCase = new StreamWriter(outPath);

            // Every answer once before the timed pass: the first run of each rule pays for JIT compilation.
            foreach (var line in lines.Where(l => l.TryGetProperty("target", out var t) && t.GetString() == "answer"))
            {
                run.Answer(line);
            }

            var splits = new Dictionary<string, SplitFigures> { ["dev"] = new(), ["test"] = new(), ["all"] = new() };
            var ruleMs = new List<double>();
            var ruleCpuMs = new List<double>();
            foreach (var line in lines.Where(l => l.TryGetProperty("id", out _)))
            {
                var target = line.GetProperty("target").GetString()!;
                var result = target switch
                {
                    "answer" => run.Answer(line),
                    "question" => run.Question(line),
                    "document" => await run.DocumentAsync(line, cancellationToken),
                    _ => throw new InvalidOperationException($"Unknown target '{target}'."),
                };
                if (target == "answer")
                {
                    ruleMs.Add(result.RuleMs);
                    ruleCpuMs.Add(result.RuleCpuMs);
                }

                var expected = line.GetProperty("expect").EnumerateArray()
                    .Select(e => (Rule: e.GetProperty("rule").GetString()!, Value: e.TryGetProperty("value", out var v) ? v.GetString() : null)).ToList();
                var caught = expected.Select(e => result.Acted.ContainsKey(e.Rule) && (e.Value is null || !result.Shown.Contains(e.Value, StringComparison.Ordinal))).ToList();
                var unexpected = result.Acted.Keys.Where(r => expected.All(e => e.Rule != r)).ToList();
                var falseBlock = target == "answer" && expected.Count == 0 && result.Acted.Values.Any(a => a is "redact" or "block");
                foreach (var split in new[] { line.GetProperty("split").GetString()!, "all" })
                {
                    splits[split].Add(expected.Select(e => e.Rule).Zip(caught), unexpected, target == "answer" && expected.Count == 0, falseBlock);
                }

                await perCase.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    id = line.GetProperty("id").GetString(),
                    target,
                    expected = expected.Select(e => e.Rule),
                    acted = result.Acted,
                    missed = expected.Where((_, i) => !caught[i]).Select(e => e.Rule),
                    unexpected,
                    ruleMs = Math.Round(result.RuleMs, 3),
                    ruleCpuMs = Math.Round(result.RuleCpuMs, 3),
                    shown = result.Shown,
                }, JsonOptions.Compact));
            }

            var zava = run.Benign(parse.GetValue(benign));
            ruleMs.AddRange(zava.RuleMs);
            ruleCpuMs.AddRange(zava.RuleCpuMs);
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["cases"] = lines.Count(l => l.TryGetProperty("id", out _)),
                ["policy"] = services.GetRequiredService<GuardrailService>().PolicyVersion,
                ["test"] = splits["test"].Report(),
                ["dev"] = splits["dev"].Report(),
                ["all"] = splits["all"].Report(),
                ["benignAnswers"] = zava.Report(),
                // Wall time (median of 5 runs per answer) includes preemption on a busy machine; the thread's CPU time is what the rules cost.
                ["ruleMsPerAnswer"] = BenchFigures.Percentiles(ruleMs, 3),
                ["ruleCpuMsPerAnswer"] = ThreadCpuTime.Available ? BenchFigures.Percentiles(ruleCpuMs, 3) : null,
                ["perCase"] = outPath,
            }, JsonOptions.Compact));
            return 0;
        });
        return command;
    }

    /// <summary>What the guardrails did to one case: rule → strongest action, the text that would be shown, and the time in the rules (wall and this thread's CPU).</summary>
    private sealed record CaseResult(Dictionary<string, string> Acted, string Shown, double RuleMs, double RuleCpuMs = 0);

    private sealed class Runner(GuardrailService guardrails, ParseStep parser, InjectionScreenStep screen)
    {
        /// <summary>
        /// Each answer is guarded this many times and its median time kept: on a shared 2-core machine a single run
        /// is often preempted mid-answer, which says nothing about what the rules cost.
        /// </summary>
        private const int Repetitions = 5;

        public CaseResult Answer(JsonElement line)
        {
            var text = line.GetProperty("text").GetString()!;
            var pieces = line.TryGetProperty("chunks", out var chunks)
                ? chunks.EnumerateArray().Select(p => p.GetString()!).ToList()
                : Pieces(text, line.TryGetProperty("stream", out var s) ? s.GetString() : "llm");
            var sources = line.TryGetProperty("sources", out var given)
                ? given.EnumerateArray().Select((t, i) => new RetrievedChunk(i + 1, Guid.Empty, "Source", "source.md", t.GetString()!, null, null, string.Empty, 1)).ToList()
                : [];
            return Stream(pieces, sources);
        }

        public CaseResult Question(JsonElement line)
        {
            var verdict = guardrails.CheckQuestion(line.GetProperty("text").GetString()!, null);
            return new CaseResult(Acted(verdict.Events), verdict.Refusal ?? verdict.Text, 0);
        }

        public async Task<CaseResult> DocumentAsync(JsonElement line, CancellationToken cancellationToken)
        {
            var (bytes, name) = Document(line.GetProperty("text").GetString()!, line.GetProperty("format").GetString()!);
            var parsed = await screen.RunAsync(await parser.RunAsync(new ParseInput(bytes, name, ContentTypeDetector.Detect(bytes, name)), cancellationToken), cancellationToken);
            var acted = new Dictionary<string, string>();
            if (parsed.Warnings.Any(w => w.StartsWith(DocumentScreen.InjectionWarning, StringComparison.Ordinal)))
            {
                acted[GuardRules.InjectionSource] = "flag";
            }

            if (parsed.Warnings.Any(w => w.StartsWith(DocumentScreen.HiddenTextWarning, StringComparison.Ordinal) || w.StartsWith(DocumentScreen.ZeroWidthWarning, StringComparison.Ordinal)))
            {
                acted[GuardRules.HiddenText] = "redact";
            }

            return new CaseResult(acted, string.Join('\n', parsed.Blocks.Select(b => b.Text)), 0);
        }

        /// <summary>Each truth streamed as an LLM would stream it, with no sources (links would be judged against none: truths have none).</summary>
        public BenignFigures Benign(string? path)
        {
            var figures = new BenignFigures();
            if (path is null || !File.Exists(path))
            {
                return figures;
            }

            foreach (var line in File.ReadLines(path).Where(l => l.Trim().Length > 0))
            {
                var truth = JsonDocument.Parse(line).RootElement.GetProperty("truth").GetString()!;
                var result = Stream(Pieces(truth, "llm"), []);
                figures.Add(result);
            }

            return figures;
        }

        private CaseResult Stream(List<string> pieces, List<RetrievedChunk> sources)
        {
            var runs = Enumerable.Range(0, Repetitions).Select(_ => StreamOnce(pieces, sources)).OrderBy(r => r.RuleMs).ToList();
            return runs[Repetitions / 2];
        }

        private CaseResult StreamOnce(List<string> pieces, List<RetrievedChunk> sources)
        {
            var guard = guardrails.GuardAnswer(new AnswerGuardContext("question", null, guardrails.ScreenSources(sources)), default);
            var events = new List<GuardrailEvent>();
            var ticks = 0L;
            var cpu = 0.0;
            foreach (var piece in pieces.Append(null))
            {
                var started = Stopwatch.GetTimestamp();
                var cpuStarted = ThreadCpuTime.NowMs();
                var step = piece is null ? guard.Flush() : guard.Push(piece);
                cpu += ThreadCpuTime.NowMs() - cpuStarted;
                ticks += Stopwatch.GetTimestamp() - started;
                events.AddRange(step.Events);
                if (step.Blocked)
                {
                    break;
                }
            }

            guard.Finish();
            return new CaseResult(Acted(events), guard.Text, ticks * 1000.0 / Stopwatch.Frequency, cpu);
        }

        private static Dictionary<string, string> Acted(IEnumerable<GuardrailEvent> events) =>
            events.GroupBy(e => e.Rule).ToDictionary(g => g.Key, g => g.Select(e => e.Action).OrderBy(Strength).Last());

        private static int Strength(string action) => action switch { "block" or "drop" => 3, "redact" or "quote" => 2, _ => 1 };

        /// <summary>An LLM's pieces start with the space before a word; the extractive answerer's end with the space after it.</summary>
        private static List<string> Pieces(string text, string? style) =>
            style == "extractive" ? [.. StreamingText.Pieces(text)] : [.. LlmPiece().Matches(text).Select(m => m.Value)];

        private static (byte[] Bytes, string Name) Document(string text, string format) => format switch
        {
            "pdf" => (Pdf(text.Split('\n')), "case.pdf"),
            "html" => (Encoding.UTF8.GetBytes($"<!doctype html><html><head><title>Case</title></head><body>{text}</body></html>"), "case.html"),
            "markdown" => (Encoding.UTF8.GetBytes(text), "case.md"),
            _ => (Encoding.UTF8.GetBytes(text), "case.txt"),
        };

        private static byte[] Pdf(string[] lines)
        {
            using var builder = new PdfDocumentBuilder();
            var font = builder.AddStandard14Font(Standard14Font.Helvetica);
            var page = builder.AddPage(PageSize.A4);
            var y = 800.0;
            foreach (var line in lines)
            {
                page.AddText(line, 11, new PdfPoint(50, y), font);
                y -= 16;
            }

            return builder.Build();
        }
    }

    private sealed class SplitFigures
    {
        private readonly RuleTally tally = new();
        private int benignCases;
        private int falseBlocks;

        public void Add(IEnumerable<(string Rule, bool Caught)> expected, IEnumerable<string> unexpected, bool benign, bool falseBlock)
        {
            foreach (var (rule, caught) in expected)
            {
                tally.Expected(rule, caught);
            }

            foreach (var rule in unexpected)
            {
                tally.Unexpected(rule);
            }

            benignCases += benign ? 1 : 0;
            falseBlocks += falseBlock ? 1 : 0;
        }

        public object Report() => new
        {
            groups = new[]
            {
                tally.Group("secrets", GuardRules.IsSecret),
                tally.Group("cards", r => r == GuardRules.PaymentCard),
                tally.Group("otherPii", r => GuardRules.IsPii(r) && r != GuardRules.PaymentCard),
                tally.Group("injection", r => r.StartsWith("injection.", StringComparison.Ordinal) || r == GuardRules.PromptExtraction),
                tally.Group("links", r => r == GuardRules.UntrustedLink),
            }.Select(Figures),
            rules = tally.ByRule.Select(Figures),
            benignLookAlikes = new { answers = benignCases, falseBlocks, rate = benignCases == 0 ? 0 : Math.Round(falseBlocks / (double)benignCases, 4) },
        };

        private static object Figures(RuleFigures f) => new { rule = f.Rule, tp = f.TruePositives, fn = f.FalseNegatives, fp = f.FalsePositives, precision = f.Precision, recall = f.Recall };
    }

    private sealed class BenignFigures
    {
        private readonly Dictionary<string, int> byRule = [];
        private int answers;
        private int falseBlocks;
        private int flagged;

        public List<double> RuleMs { get; } = [];

        public List<double> RuleCpuMs { get; } = [];

        public void Add(CaseResult result)
        {
            answers++;
            RuleMs.Add(result.RuleMs);
            RuleCpuMs.Add(result.RuleCpuMs);
            falseBlocks += result.Acted.Values.Any(a => a is "redact" or "block") ? 1 : 0;
            flagged += result.Acted.Count > 0 && result.Acted.Values.All(a => a == "flag") ? 1 : 0;
            foreach (var rule in result.Acted.Keys)
            {
                byRule[rule] = byRule.GetValueOrDefault(rule) + 1;
            }
        }

        public object Report() => new
        {
            answers,
            falseBlocks,
            falseBlockRate = answers == 0 ? 0 : Math.Round(falseBlocks / (double)answers, 4),
            flaggedOnly = flagged,
            byRule,
        };
    }

    [GeneratedRegex(@"\s*\S+\s*?(?=\s|$)|\s+$")]
    private static partial Regex LlmPiece();
}
