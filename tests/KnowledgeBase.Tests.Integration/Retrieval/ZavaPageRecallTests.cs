using System.Text.Json;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Retrieval;

/// <summary>
/// A CI-sized slice of the Zava page-recall evaluation through the real `kb ingest` and `kb eval qa`:
/// one 104-page benefits PDF and the ground-truth questions that cite only it. The whole corpus is a
/// benchmark (docs/benchmarks.md); this guards small-to-big passages against regressions.
/// </summary>
public sealed class ZavaPageRecallTests : IAsyncLifetime
{
    private const string Pdf = "Northwind_Standard_Benefits_Details.pdf";

    private TestDatabase database = null!;
    private string folder = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        folder = Directory.CreateTempSubdirectory("kb-zava-").FullName;
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(folder, recursive: true);
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Hybrid_passages_find_the_cited_page_in_the_top_five_for_most_questions_about_one_plan()
    {
        var zava = Path.Combine(RepositoryPaths.Corpus, "zava");
        var questions = Path.Combine(folder, "questions.jsonl");
        // Questions whose every citation is a page of this PDF (the others need documents not ingested here).
        await File.WriteAllLinesAsync(questions, File.ReadLines(Path.Combine(zava, "ground_truth.jsonl"))
            .Where(l => l.Contains($"[{Pdf}#page=", StringComparison.Ordinal) && !l.Replace($"[{Pdf}#page=", string.Empty, StringComparison.Ordinal).Contains(".pdf#page=", StringComparison.Ordinal)));

        await RunAsync("ingest", Path.Combine(zava, Pdf), "--collection", "zava");
        var summary = JsonDocument.Parse((await RunAsync("eval", "qa", questions, "--collection", "zava", "--mode", "hybrid", "--out", Path.Combine(folder, "per-question.jsonl"))).Trim().Split('\n')[^1]).RootElement;

        var recall = summary.GetProperty("recall@5").GetDouble();
        var pages = summary.GetProperty("pagesAt5").GetDouble();
        // 2026-11-27, dev database: 0.79 with passages (0.64 with bare chunks), 11.2 pages in the top 5.
        // 2026-11-29 (issue 16): sources narrowed to the page of their best sentence: 0.64 with 5.9 pages in the top 5
        // (the trade-off is in docs/benchmarks.md); the best source keeping its close neighbouring page: 0.71 with
        // 5.9 pages (2026-11-29 afternoon). Floors with a margin.
        Assert.True(summary.GetProperty("answerable").GetInt32() >= 15, summary.ToString());
        Assert.True(recall >= RecallFloor, $"recall@5 {recall} below {RecallFloor}; {summary}");
        // Sources must stay a page or two each: five results covering at most about six pages.
        Assert.True(pages <= 6.5, $"the top 5 covered {pages} pages on average; {summary}");
    }

    private const double RecallFloor = 0.66;

    private Task<string> RunAsync(params string[] args) =>
        KbProcess.RunSuccessfullyAsync(database.ConnectionString, Path.Combine(folder, ".blobs"), args);
}
