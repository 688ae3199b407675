using System.Text.Json;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Ingestion;

/// <summary>Runs the real `kb` program against a test database.</summary>
public sealed class CliIngestTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private string folder = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        folder = Directory.CreateTempSubdirectory("kb-cli-").FullName;
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(folder, recursive: true);
        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_bad_batch_prints_a_reason_per_bad_file_and_ingests_the_rest()
    {
        File.Copy(Path.Combine(RepositoryPaths.SampleDocs, "benefits-guide.pdf"), Path.Combine(folder, "benefits-guide.pdf"));
        await File.WriteAllTextAsync(Path.Combine(folder, "faq.md"), "# FAQ\n\nThe office dog is called Pixel.");
        await File.WriteAllBytesAsync(Path.Combine(folder, "corrupt.pdf"), "%PDF-1.4\n1 0 obj garbage"u8.ToArray());
        await File.WriteAllBytesAsync(Path.Combine(folder, "empty.txt"), []);
        await File.WriteAllBytesAsync(Path.Combine(folder, "image.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);

        var (exitCode, output) = await RunKbAsync("ingest", folder, "--collection", "cli");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(exitCode == 0, output);
        Assert.Contains(lines, l => l.Contains("failed", StringComparison.Ordinal) && l.Contains("corrupt.pdf", StringComparison.Ordinal) && l.Contains("not a readable PDF", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("failed", StringComparison.Ordinal) && l.Contains("empty.txt", StringComparison.Ordinal) && l.Contains("empty (0 bytes)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("failed", StringComparison.Ordinal) && l.Contains("image.png", StringComparison.Ordinal) && l.Contains("Unsupported file type", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("✓ new", StringComparison.Ordinal) && l.Contains("benefits-guide.pdf", StringComparison.Ordinal));
        var summary = JsonDocument.Parse(lines[^1]).RootElement;
        Assert.Equal(5, summary.GetProperty("documents").GetInt32());
        Assert.Equal(2, summary.GetProperty("new").GetInt32());
        Assert.Equal(3, summary.GetProperty("failed").GetInt32());
        Assert.Equal(2, await database.ScalarAsync<long>("SELECT count(*) FROM documents WHERE status = 'ready'"));

        var (_, again) = await RunKbAsync("ingest", folder, "--collection", "cli");
        var second = JsonDocument.Parse(again.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement;
        Assert.Equal(0, second.GetProperty("new").GetInt32());
        Assert.Equal(0, second.GetProperty("chunks").GetInt32());
        Assert.Equal(2, second.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task Files_for_an_unusable_group_are_refused_with_the_reason_and_nothing_is_stored()
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "faq.md"), "# FAQ\n\nThe office cat is called Byte.");

        var (exitCode, output) = await RunKbAsync("ingest", folder, "--groups", "hr team");

        Assert.True(exitCode == 1, output);
        Assert.Contains("'hr team' is not a valid group name", output, StringComparison.Ordinal);
        Assert.Equal(0, await database.ScalarAsync<long>("SELECT count(*) FROM documents"));
    }

    [Fact]
    public async Task Ask_streams_the_hub_events_to_the_terminal()
    {
        await RunKbAsync("ingest", Path.Combine(RepositoryPaths.SampleDocs, "travel-policy.pdf"));

        var (exitCode, output) = await RunKbAsync("ask", "What is the hotel cap in London?", "--json");

        var events = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(0, exitCode);
        Assert.Equal("retrieval", events[0].GetProperty("type").GetString());
        Assert.Equal("done", events[^1].GetProperty("type").GetString());
        // Passages may span neighbouring pages; the hotel caps are on page 3.
        Assert.Contains(events[0].GetProperty("citations").EnumerateArray(), c => c.GetProperty("startPage").GetInt32() <= 3 && c.GetProperty("endPage").GetInt32() >= 3);
        Assert.Contains("230 EUR", string.Concat(events.Where(e => e.GetProperty("type").GetString() == "token").Select(e => e.GetProperty("text").GetString())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_ingest_deletes_its_documents_and_their_blobs_afterwards()
    {
        var documents = Directory.CreateDirectory(Path.Combine(folder, "bench")).FullName;
        await File.WriteAllTextAsync(Path.Combine(documents, "notes.md"), "# Notes\n\nThe wendrake mill opens at dawn.");

        var (exitCode, output) = await RunKbAsync("bench", "ingest", documents);

        Assert.True(exitCode == 0, output);
        Assert.Equal(1, JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement.GetProperty("documents").GetInt32());
        Assert.Equal(0, await database.ScalarAsync<long>("SELECT count(*) FROM documents"));
        var blobs = Path.Combine(folder, ".blobs");
        Assert.Empty(Directory.Exists(blobs) ? Directory.EnumerateFiles(blobs, "*", SearchOption.AllDirectories) : []);
    }

    /// <summary>`kb` may exit with 1 when some files failed; anything else is a crash.</summary>
    private async Task<(int ExitCode, string Output)> RunKbAsync(params string[] args)
    {
        var result = await KbProcess.RunAsync(database.ConnectionString, Path.Combine(folder, ".blobs"), args);
        Assert.True(result.ExitCode is 0 or 1, result.Errors);
        return (result.ExitCode, result.Output);
    }
}
