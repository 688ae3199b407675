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
}
