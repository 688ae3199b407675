using System.Text.Json;

namespace KnowledgeBase.Cli.Evaluation;

/// <summary>A BEIR folder: corpus.jsonl (or corpus.part-*.jsonl), queries.jsonl, qrels/test.tsv.</summary>
internal sealed record BeirDataset(
    string Name,
    IReadOnlyList<BeirDocument> Corpus,
    IReadOnlyDictionary<string, string> Queries,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Qrels)
{
    private const string Layout = "corpus.jsonl (or corpus.part-*.jsonl), queries.jsonl and qrels/test.tsv";

    public static BeirDataset Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new CliUsageException($"there is no folder '{Path.GetFullPath(directory)}': pass a BEIR dataset folder holding {Layout}.");
        }

        var corpusFiles = File.Exists(Path.Combine(directory, "corpus.jsonl"))
            ? [Path.Combine(directory, "corpus.jsonl")]
            : Directory.GetFiles(directory, "corpus.part-*.jsonl").Order(StringComparer.Ordinal).ToArray();
        if (corpusFiles.Length == 0)
        {
            throw new CliUsageException($"'{Path.GetFullPath(directory)}' holds no corpus.jsonl or corpus.part-*.jsonl: a BEIR dataset folder holds {Layout}.");
        }

        var missing = new[] { "queries.jsonl", Path.Combine("qrels", "test.tsv") }.FirstOrDefault(f => !File.Exists(Path.Combine(directory, f)));
        if (missing is not null)
        {
            throw new CliUsageException($"'{Path.GetFullPath(directory)}' has no {missing}: a BEIR dataset folder holds {Layout}.");
        }

        var corpus = corpusFiles.SelectMany(File.ReadLines).Where(l => l.Length > 0).Select(l =>
        {
            using var json = JsonDocument.Parse(l);
            var root = json.RootElement;
            return new BeirDocument(
                root.GetProperty("_id").GetString()!,
                root.TryGetProperty("title", out var title) ? title.GetString() ?? string.Empty : string.Empty,
                root.GetProperty("text").GetString() ?? string.Empty);
        }).ToList();

        var queries = File.ReadLines(Path.Combine(directory, "queries.jsonl")).Where(l => l.Length > 0).Select(l =>
        {
            using var json = JsonDocument.Parse(l);
            return (Id: json.RootElement.GetProperty("_id").GetString()!, Text: json.RootElement.GetProperty("text").GetString()!);
        }).ToDictionary(q => q.Id, q => q.Text);

        var qrels = new Dictionary<string, Dictionary<string, int>>();
        foreach (var line in File.ReadLines(Path.Combine(directory, "qrels", "test.tsv")).Skip(1))
        {
            var parts = line.Split('\t');
            if (parts.Length < 3)
            {
                continue;
            }

            if (!qrels.TryGetValue(parts[0], out var relevant))
            {
                qrels[parts[0]] = relevant = [];
            }

            relevant[parts[1]] = int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
        }

        return new BeirDataset(
            new DirectoryInfo(directory).Name,
            corpus,
            queries,
            qrels.ToDictionary(q => q.Key, q => (IReadOnlyDictionary<string, int>)q.Value));
    }
}

internal sealed record BeirDocument(string Id, string Title, string Text);
