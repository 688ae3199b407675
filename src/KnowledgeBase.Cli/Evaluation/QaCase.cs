using System.Text.Json;
using KnowledgeBase.Core.Evaluation;

namespace KnowledgeBase.Cli.Evaluation;

/// <summary>One line of a ground-truth file: a question and its truth with inline [file#page=N] citations (none: unanswerable).</summary>
internal sealed record QaCase(string Question, string Truth, IReadOnlyList<TruthCitation> Expected)
{
    public bool Answerable => Expected.Count > 0;

    public static IEnumerable<QaCase> Read(string path)
    {
        foreach (var line in File.ReadLines(path).Where(l => l.Trim().Length > 0))
        {
            using var json = JsonDocument.Parse(line);
            var question = json.RootElement.GetProperty("question").GetString()!;
            var truth = json.RootElement.GetProperty("truth").GetString()!;
            yield return new QaCase(question, truth, QaMetrics.ParseTruthCitations(truth));
        }
    }
}
