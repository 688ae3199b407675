using System.Text;
using KnowledgeBase.Infrastructure.Ingestion;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Ingestion;

public sealed class DocumentIngestorTests(ServiceHost host) : IClassFixture<ServiceHost>
{
    [Fact]
    public async Task Every_chunk_of_a_pdf_has_its_pages()
    {
        var result = await host.IngestAsync("travel-policy.pdf", await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.SampleDocs, "travel-policy.pdf")), "pages");

        Assert.Equal(IngestionOutcome.New, result.Outcome);
        Assert.Equal(5, result.Pages);
        var withoutPages = await host.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM chunks WHERE document_id = '{result.DocumentId}' AND (start_page IS NULL OR end_page IS NULL OR end_page < start_page)");
        var maxPage = await host.Database.ScalarAsync<int>($"SELECT max(end_page) FROM chunks WHERE document_id = '{result.DocumentId}'");
        Assert.Equal(0, withoutPages);
        Assert.Equal(5, maxPage);
    }

    [Fact]
    public async Task The_same_bytes_twice_make_one_document_and_no_new_chunks()
    {
        var bytes = Encoding.UTF8.GetBytes("# Parking\n\nVisitors park in lot B. Employees park in lot A.");

        var first = await host.IngestAsync("parking.md", bytes, "dedup");
        var second = await host.IngestAsync("parking-copy.md", bytes, "dedup");

        Assert.Equal(IngestionOutcome.New, first.Outcome);
        Assert.Equal(IngestionOutcome.Unchanged, second.Outcome);
        Assert.Equal(first.DocumentId, second.DocumentId);
        Assert.Equal(1, await host.Database.ScalarAsync<long>("SELECT count(*) FROM documents WHERE collection = 'dedup'"));
        Assert.Equal(first.Chunks, await host.Database.ScalarAsync<long>($"SELECT count(*) FROM chunks WHERE document_id = '{first.DocumentId}'"));
    }

    [Fact]
    public async Task A_changed_file_with_the_same_name_replaces_the_previous_version()
    {
        var first = await host.IngestAsync("canteen.txt", Encoding.UTF8.GetBytes("The canteen opens at 11:30."), "versions");
        var second = await host.IngestAsync("canteen.txt", Encoding.UTF8.GetBytes("The canteen opens at 12:00 from May.\n\nSoup is free on Fridays."), "versions");

        Assert.Equal(IngestionOutcome.Updated, second.Outcome);
        Assert.Equal(first.DocumentId, second.DocumentId);
        var texts = await host.Database.ScalarAsync<string>($"SELECT string_agg(text, ' ') FROM chunks WHERE document_id = '{first.DocumentId}'");
        Assert.Contains("12:00", texts, StringComparison.Ordinal);
        Assert.DoesNotContain("11:30", texts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_new_version_keeps_the_previous_one_searchable()
    {
        var first = await host.IngestAsync("rules.pdf", await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.SampleDocs, "engineering-onboarding.pdf")), "badversion");
        var second = await host.IngestAsync("rules.pdf", Encoding.ASCII.GetBytes("%PDF-1.7 truncated garbage"), "badversion");

        Assert.Equal(IngestionOutcome.Failed, second.Outcome);
        Assert.Contains("PDF", second.Reason, StringComparison.Ordinal);
        Assert.Equal("ready", await host.Database.ScalarAsync<string>($"SELECT status FROM documents WHERE id = '{first.DocumentId}'"));
        Assert.Equal(first.Chunks, await host.Database.ScalarAsync<long>($"SELECT count(*) FROM chunks WHERE document_id = '{first.DocumentId}'"));
    }

    [Fact]
    public async Task A_file_that_cannot_be_ingested_leaves_a_failed_document_with_its_reason()
    {
        var result = await host.IngestAsync("empty.txt", [], "failures");

        Assert.Equal(IngestionOutcome.Failed, result.Outcome);
        Assert.Equal("failed", await host.Database.ScalarAsync<string>($"SELECT status FROM documents WHERE id = '{result.DocumentId}'"));
        Assert.Contains("empty", await host.Database.ScalarAsync<string>($"SELECT error FROM documents WHERE id = '{result.DocumentId}'"), StringComparison.Ordinal);
    }
}
