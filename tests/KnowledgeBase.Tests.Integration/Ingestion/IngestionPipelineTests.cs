using System.Text;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Ingestion;

/// <summary>Upload → queue → in-process worker → database, on the real PostgreSQL.</summary>
public sealed class IngestionPipelineTests(ServiceHostWithWorkers host) : IClassFixture<ServiceHostWithWorkers>
{
    private ServiceHost Services => host.Services;

    [Fact]
    public async Task Every_chunk_of_a_pdf_has_its_pages()
    {
        var (upload, job) = await Services.IngestAsync("travel-policy.pdf", await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.SampleDocs, "travel-policy.pdf")), "pages");

        Assert.Equal(UploadOutcome.Queued, upload.Outcome);
        Assert.Equal(JobStatus.Done, job!.Status);
        Assert.Equal(5, await Services.Database.ScalarAsync<int>($"SELECT page_count FROM documents WHERE id = '{upload.DocumentId}'"));
        var withoutPages = await Services.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM chunks WHERE document_id = '{upload.DocumentId}' AND (start_page IS NULL OR end_page IS NULL OR end_page < start_page)");
        var maxPage = await Services.Database.ScalarAsync<int>($"SELECT max(end_page) FROM chunks WHERE document_id = '{upload.DocumentId}'");
        Assert.Equal(0, withoutPages);
        Assert.Equal(5, maxPage);
    }

    [Fact]
    public async Task The_same_bytes_twice_make_one_document_and_no_new_work()
    {
        var bytes = Encoding.UTF8.GetBytes("# Parking\n\nVisitors park in lot B. Employees park in lot A.");

        var (first, _) = await Services.IngestAsync("parking.md", bytes, "dedup");
        var jobsBefore = await Services.Database.ScalarAsync<long>("SELECT count(*) FROM ingestion_jobs");
        var (second, secondJob) = await Services.IngestAsync("parking-copy.md", bytes, "dedup");

        Assert.Equal(UploadOutcome.Queued, first.Outcome);
        Assert.Equal(UploadOutcome.Unchanged, second.Outcome);
        Assert.Null(secondJob);
        Assert.Equal(first.DocumentId, second.DocumentId);
        Assert.Equal(jobsBefore, await Services.Database.ScalarAsync<long>("SELECT count(*) FROM ingestion_jobs"));
        Assert.Equal(1, await Services.Database.ScalarAsync<long>("SELECT count(*) FROM documents WHERE collection = 'dedup'"));
    }

    [Fact]
    public async Task A_changed_file_with_the_same_name_becomes_a_new_version_of_the_document()
    {
        var (first, _) = await Services.IngestAsync("canteen.txt", Encoding.UTF8.GetBytes("The canteen opens at 11:30."), "versions");
        var (second, job) = await Services.IngestAsync("canteen.txt", Encoding.UTF8.GetBytes("The canteen opens at 12:00 from May.\n\nSoup is free on Fridays."), "versions");

        Assert.Equal(UploadOutcome.NewVersion, second.Outcome);
        Assert.Equal(JobStatus.Done, job!.Status);
        Assert.Equal(first.DocumentId, second.DocumentId);
        var texts = await Services.Database.ScalarAsync<string>($"SELECT string_agg(text, ' ') FROM chunks WHERE document_id = '{first.DocumentId}'");
        Assert.Contains("12:00", texts, StringComparison.Ordinal);
        Assert.DoesNotContain("11:30", texts, StringComparison.Ordinal);
        Assert.Equal(2, await Services.Database.ScalarAsync<int>($"SELECT version FROM documents WHERE id = '{first.DocumentId}'"));
    }

    [Fact]
    public async Task An_explicit_replaces_makes_a_differently_named_file_the_new_version()
    {
        var (first, _) = await Services.IngestAsync("policy-v1.md", Encoding.UTF8.GetBytes("# Policy\n\nVersion one says blue."), "replaces");
        var (second, _) = await Services.IngestAsync("policy-v2.md", Encoding.UTF8.GetBytes("# Policy\n\nVersion two says green."), "replaces", first.DocumentId);

        Assert.Equal(UploadOutcome.NewVersion, second.Outcome);
        Assert.Equal(first.DocumentId, second.DocumentId);
        Assert.Equal("policy-v2.md", await Services.Database.ScalarAsync<string>($"SELECT source_name FROM documents WHERE id = '{first.DocumentId}'"));
        Assert.Equal(1, await Services.Database.ScalarAsync<long>("SELECT count(*) FROM documents WHERE collection = 'replaces'"));
    }

    [Fact]
    public async Task A_bad_new_version_keeps_the_previous_one_searchable_and_says_why()
    {
        var (first, _) = await Services.IngestAsync("rules.pdf", await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.SampleDocs, "engineering-onboarding.pdf")), "badversion");
        var chunks = await Services.Database.ScalarAsync<long>($"SELECT count(*) FROM chunks WHERE document_id = '{first.DocumentId}'");
        var (second, job) = await Services.IngestAsync("rules.pdf", Encoding.ASCII.GetBytes("%PDF-1.7 truncated garbage"), "badversion");

        Assert.Equal(JobStatus.Failed, job!.Status);
        Assert.Contains("PDF", job.LastError, StringComparison.Ordinal);
        Assert.Equal("ready", await Services.Database.ScalarAsync<string>($"SELECT status FROM documents WHERE id = '{first.DocumentId}'"));
        Assert.Contains("was not ingested", await Services.Database.ScalarAsync<string>($"SELECT error FROM documents WHERE id = '{first.DocumentId}'"), StringComparison.Ordinal);
        Assert.Equal(chunks, await Services.Database.ScalarAsync<long>($"SELECT count(*) FROM chunks WHERE document_id = '{first.DocumentId}'"));
    }

    [Fact]
    public async Task Input_that_can_never_be_ingested_fails_at_once_with_its_reason()
    {
        var (upload, job) = await Services.IngestAsync("scan.pdf", ImageOnlyPdf(), "failures");

        Assert.Equal(JobStatus.Failed, job!.Status);
        Assert.Equal(1, job.Attempts);
        Assert.Equal("failed", await Services.Database.ScalarAsync<string>($"SELECT status FROM documents WHERE id = '{upload.DocumentId}'"));
        Assert.Contains("no extractable text", await Services.Database.ScalarAsync<string>($"SELECT error FROM documents WHERE id = '{upload.DocumentId}'"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nul_characters_in_a_files_text_are_dropped_and_the_rest_is_indexed()
    {
        // Past the first 8 KB, so the content still looks like text; PostgreSQL refuses U+0000 in text.
        var text = string.Join("\n\n", Enumerable.Range(0, 300).Select(i => $"Rule {i}: badges are worn at all times.")) + "\n\nThe vault code is 47\u000011.\n";

        var (upload, job) = await Services.IngestAsync("nul.txt", Encoding.UTF8.GetBytes(text), "nul");

        Assert.True(job!.Status == JobStatus.Done, job.LastError);
        Assert.Equal(1, job.Attempts);
        Assert.Equal(1, await Services.Database.ScalarAsync<long>($"SELECT count(*) FROM chunks WHERE document_id = '{upload.DocumentId}' AND text LIKE '%vault code is 4711.%'"));
    }

    [Fact]
    public async Task A_rejected_upload_stores_nothing()
    {
        var documentsBefore = await Services.Database.ScalarAsync<long>("SELECT count(*) FROM documents");

        var upload = await Services.UploadAsync("empty.txt", [], "failures");

        Assert.Equal(UploadOutcome.Rejected, upload.Outcome);
        Assert.Contains("empty", upload.Reason, StringComparison.Ordinal);
        Assert.Equal(documentsBefore, await Services.Database.ScalarAsync<long>("SELECT count(*) FROM documents"));
    }

    /// <summary>A real PDF whose only page has no text (as a scan would).</summary>
    internal static byte[] ImageOnlyPdf()
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        return builder.Build();
    }
}
