using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Cli;

/// <summary>`kb` says what to do in a sentence when the database or the arguments are not ready, instead of a stack trace.</summary>
public sealed class CliErrorTests
{
    [Fact]
    public async Task Against_an_unmigrated_database_kb_says_to_run_kb_migrate()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);

        var result = await KbProcess.RunAsync(database.ConnectionString, null, "users", "add", "someone@cli.example", "--role", "employee", "--password", "a-long-enough-password");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("run `kb migrate`", result.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Errors + result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_query_without_an_indexed_beir_collection_says_which_to_pass()
    {
        await using var database = await TestDatabase.CreateAsync();

        var plain = await KbProcess.RunAsync(database.ConnectionString, null, "bench", "query", "--chunks", "10");
        var named = await KbProcess.RunAsync(database.ConnectionString, null, "bench", "query", "--chunks", "10", "--source", "no-such-collection");

        Assert.NotEqual(0, plain.ExitCode);
        Assert.Contains("kb eval beir", plain.Errors, StringComparison.Ordinal);
        Assert.Contains("--source", plain.Errors, StringComparison.Ordinal);
        Assert.Contains("no-such-collection", named.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", plain.Errors + named.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_or_folder_that_does_not_exist_is_named_in_one_line()
    {
        // Read before the database is opened: no database is needed to refuse it.
        const string unreachable = "Host=127.0.0.1;Port=1;Database=none;Username=kb;Password=kb";
        var folder = Path.Combine(Path.GetTempPath(), $"kb-no-such-{Guid.NewGuid():N}");
        var file = folder + ".jsonl";

        var noFile = await KbProcess.RunAsync(unreachable, null, "eval", "qa", file);
        var noFolder = await KbProcess.RunAsync(unreachable, null, "eval", "qa", Path.Combine(folder, "questions.jsonl"));

        Assert.Equal(1, noFile.ExitCode);
        Assert.Equal($"kb: there is no file '{file}': check the path (relative paths start from the current folder).", noFile.Errors.Trim());
        Assert.Equal(1, noFolder.ExitCode);
        Assert.Contains(folder, noFolder.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", noFile.Errors + noFolder.Errors, StringComparison.Ordinal);
    }
}
