using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Evaluation;

/// <summary>
/// RAGAS-style LLM-judge prompts and the parsing of their JSON verdicts. Faithfulness: each numbered answer
/// statement is judged 1 (can be inferred from the context) or 0, the score is their mean. Correctness:
/// answer statements are classified against the ground truth as true positives, false positives, and truth
/// statements the answer misses as false negatives; the score is TP / (TP + (FP + FN) / 2).
/// </summary>
public static partial class JudgePrompts
{
    public const string System = "You are a strict evaluator of answers produced by a retrieval system. Reply with JSON only.";

    public static string Faithfulness(string question, IReadOnlyList<string> statements, IReadOnlyList<string> contexts)
    {
        var prompt = new StringBuilder()
            .AppendLine("Judge whether each statement can be directly inferred from the context. Return {\"verdicts\": [1 or 0 per statement, in order]}.")
            .AppendLine().AppendLine($"Question: {question}").AppendLine().AppendLine("Context:");
        foreach (var context in contexts)
        {
            prompt.AppendLine("<<<").AppendLine(context).AppendLine(">>>");
        }

        prompt.AppendLine().AppendLine("Statements:");
        for (var i = 0; i < statements.Count; i++)
        {
            prompt.AppendLine(CultureInfo.InvariantCulture, $"{i + 1}. {statements[i]}");
        }

        return prompt.ToString();
    }

    public static string Correctness(string question, string truth, string answer) =>
        new StringBuilder()
            .AppendLine("Split the answer and the ground truth into statements. Count the answer statements supported by the ground truth (tp),")
            .AppendLine("the answer statements not supported by it (fp), and the ground-truth statements missing from the answer (fn).")
            .AppendLine("Return {\"tp\": n, \"fp\": n, \"fn\": n}.")
            .AppendLine().AppendLine($"Question: {question}")
            .AppendLine().AppendLine($"Ground truth: {truth}")
            .AppendLine().AppendLine($"Answer: {answer}")
            .ToString();

    /// <summary>The mean verdict, or null when the reply holds no verdicts.</summary>
    public static double? ParseFaithfulness(string reply)
    {
        if (Json(reply) is not { } json || !json.TryGetProperty("verdicts", out var verdicts) || verdicts.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var values = verdicts.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number ? v.GetDouble() : v.ValueKind == JsonValueKind.True ? 1 : 0).ToList();
        return values.Count == 0 ? null : values.Average();
    }

    /// <summary>TP / (TP + (FP + FN) / 2), or null when the reply holds no counts.</summary>
    public static double? ParseCorrectness(string reply)
    {
        if (Json(reply) is not { } json
            || !json.TryGetProperty("tp", out var tp) || !json.TryGetProperty("fp", out var fp) || !json.TryGetProperty("fn", out var fn)
            || tp.ValueKind != JsonValueKind.Number || fp.ValueKind != JsonValueKind.Number || fn.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        var denominator = tp.GetDouble() + ((fp.GetDouble() + fn.GetDouble()) / 2);
        return denominator == 0 ? 0 : tp.GetDouble() / denominator;
    }

    /// <summary>The first JSON object in the reply (models wrap it in prose or code fences).</summary>
    private static JsonElement? Json(string reply)
    {
        var match = JsonObject().Match(reply);
        if (!match.Success)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(match.Value);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\{[\s\S]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex JsonObject();
}
