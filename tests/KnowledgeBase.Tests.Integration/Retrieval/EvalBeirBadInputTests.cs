using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Retrieval;

/// <summary>`kb eval beir` refuses a folder it cannot use with one sentence naming the path, never a stack trace.</summary>
public sealed class EvalBeirBadInputTests
{
    // The dataset is read before the database is opened, so no database is needed to refuse it.
    private const string Unreachable = "Host=127.0.0.1;Port=1;Database=none;Username=kb;Password=kb";

    [Fact]
    public async Task A_missing_folder_is_named_in_a_one_line_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"kb-no-such-beir-{Guid.NewGuid():N}");

        var result = await KbProcess.RunAsync(Unreachable, null, "eval", "beir", missing);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"kb: there is no folder '{missing}': pass a BEIR dataset folder holding corpus.jsonl (or corpus.part-*.jsonl), queries.jsonl and qrels/test.tsv.", result.Errors.Trim());
    }

    [Fact]
    public async Task A_folder_without_qrels_says_which_file_is_missing()
    {
        var folder = Directory.CreateTempSubdirectory("kb-beir-partial-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "corpus.jsonl"), """{"_id":"1","title":"t","text":"x"}""" + "\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "queries.jsonl"), """{"_id":"q","text":"x"}""" + "\n");

            var result = await KbProcess.RunAsync(Unreachable, null, "eval", "beir", folder);

            Assert.Equal(1, result.ExitCode);
            Assert.StartsWith($"kb: '{folder}' has no qrels/test.tsv", result.Errors.Trim(), StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", result.Errors, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_mode_is_refused_by_name()
    {
        var result = await KbProcess.RunAsync(Unreachable, null, "eval", "beir", Path.Combine(RepositoryPaths.Corpus, "scifact"), "--mode", "hybird");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--mode 'hybird' is not a retrieval mode", result.Errors, StringComparison.Ordinal);
    }
}
