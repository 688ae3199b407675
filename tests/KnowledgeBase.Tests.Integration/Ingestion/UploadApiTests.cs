using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Tests.Integration.Support;
using static KnowledgeBase.Tests.Integration.Support.DocumentUploads;

namespace KnowledgeBase.Tests.Integration.Ingestion;

[Collection(SharedApp.Name)]
public sealed class UploadApiTests(AppFixture fixture)
{
    private async Task<SignedInClient> AdminAsync() => await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);

    [Fact]
    public async Task Twenty_bad_inputs_in_one_batch_each_get_a_reason_and_the_good_files_are_ingested()
    {
        using var admin = await AdminAsync();
        var bad = new (string Name, byte[] Content, string Reason)[]
        {
            ("zero-bytes.txt", [], "empty (0 bytes)"),
            ("truncated.pdf", BadFiles.Pdf("A page that will be cut in half before the end.")[..300], "PDF"),
            ("encrypted.pdf", BadFiles.EncryptedPdf(), "encrypted"),
            ("scan.pdf", BadFiles.ImageOnlyPdf(), "no extractable text"),
            ("bomb.docx", BadFiles.ZipBomb(), "MB"),
            ("scripts-only.html", BadFiles.Utf8("<html><head><script>alert(1)</script><style>p{}</style></head><body><script>steal()</script><nav>Home</nav></body></html>"), "no readable text"),
            ("too-big.txt", new byte[KnowledgeBaseApp.MaxFileBytes + 1].Select(_ => (byte)'a').ToArray(), "larger than the limit"),
            ("program.exe", [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00], "binary"),
            ("picture.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00], "binary"),
            ("elf.md", [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00], "binary"),
            ("fake.pdf", BadFiles.Utf8("This is plain text pretending to be a PDF."), "not a PDF"),
            ("garbage.docx", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0xFF, 0xFE, 0x01], "DOCX"),
            ("archive.zip", BadFiles.Zip("notes.txt", "hello"), "ZIP"),
            ("not-word.docx", BadFiles.Zip("notes.txt", "hello"), "not a Word document"),
            ("whitespace.json", BadFiles.Utf8("   \n\n\t  \n"), "no text"),
            ("headings-only.md", BadFiles.Utf8("# Title\n\n## Section\n"), "no text"),
            ("slides.pptx", BadFiles.Utf8("not really slides"), "Unsupported file type"),
            ("data.bin", BadFiles.Utf8("looks like text but has an unknown extension"), "Unsupported file type"),
            ("comments-only.html", BadFiles.Utf8("<!DOCTYPE html><html><body><!-- nothing here --></body></html>"), "no readable text"),
            ("nul.txt", [0x48, 0x00, 0x69, 0x00, 0x00, 0x00], "binary"),
        };
        var good = new (string Name, byte[] Content)[]
        {
            ("../../etc/escape-attempt.txt", BadFiles.Utf8("The bike shed is behind building C and opens at 7:00.")),
            ("bell\u0007-and\ttab.md", BadFiles.Utf8("# Lockers\n\nLockers are assigned by the facilities team.")),
            ("latin1.txt", Encoding.Latin1.GetBytes("Caf\u00e9 hours: the caf\u00e9 on floor 2 serves cr\u00eapes on Tuesdays.")),
            ("utf16.txt", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("The rooftop terrace closes at 20:00 in summer.")]),
            ("really-a-pdf.txt", BadFiles.Pdf("The visitor badge must be returned at reception.")),
        };

        var response = await admin.Http.PostAsync("/api/documents", Form("badbatch", [.. bad.Select(b => (b.Name, b.Content)), .. good]));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var items = body.GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal(bad.Length + good.Length, items.Count);
        var queuedIds = items.Where(i => i.GetProperty("documentId").ValueKind == JsonValueKind.String).Select(i => i.GetProperty("documentId").GetGuid()).ToList();
        var documents = (await WaitForDocumentsAsync(admin.Http, queuedIds)).ToDictionary(d => d.GetProperty("id").GetGuid());

        for (var i = 0; i < bad.Length; i++)
        {
            var item = items[i];
            var reason = item.GetProperty("outcome").GetString() == "rejected"
                ? item.GetProperty("reason").GetString()
                : documents[item.GetProperty("documentId").GetGuid()] is var d && d.GetProperty("status").GetString() == "failed" ? d.GetProperty("error").GetString() : null;
            Assert.True(reason is not null && reason.Contains(bad[i].Reason, StringComparison.OrdinalIgnoreCase), $"{bad[i].Name}: expected a reason with '{bad[i].Reason}', got '{reason}'");
        }

        Assert.All(items.Skip(bad.Length), i => Assert.True(i.GetProperty("outcome").GetString() == "queued", i.ToString()));
        var goodDocuments = items.Skip(bad.Length).Select(i => documents[i.GetProperty("documentId").GetGuid()]).ToList();
        Assert.All(goodDocuments, d => Assert.Equal("ready", d.GetProperty("status").GetString()));
        Assert.Equal(["escape-attempt.txt", "bell-andtab.md", "latin1.txt", "utf16.txt", "really-a-pdf.txt"], goodDocuments.Select(d => d.GetProperty("sourceName").GetString()));
        Assert.Equal("application/pdf", goodDocuments[^1].GetProperty("contentType").GetString());
        Assert.Equal(1, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.collection = 'badbatch' AND c.text LIKE '%crêpes%'"));
        Assert.Equal(1, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.collection = 'badbatch' AND c.text LIKE '%rooftop terrace%'"));
        Assert.False(Directory.EnumerateFiles(fixture.App.BlobRoot, "*", SearchOption.AllDirectories).Any(f => f.Contains("escape", StringComparison.Ordinal)), "a file name became a path");
    }

    [Fact]
    public async Task Upload_answers_202_with_ids_and_status_urls_and_the_document_becomes_ready()
    {
        using var admin = await AdminAsync();

        var response = await admin.Http.PostAsync("/api/documents", Form("uploads", ("desk-policy.md", BadFiles.Utf8("# Desks\n\nHot desks are booked in the app up to 14 days ahead."))));
        var item = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documents")[0];

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("queued", item.GetProperty("outcome").GetString());
        var id = item.GetProperty("documentId").GetGuid();
        Assert.Equal($"/api/documents/{id}", item.GetProperty("statusUrl").GetString());
        var document = (await WaitForDocumentsAsync(admin.Http, [id])).Single();
        Assert.Equal("ready", document.GetProperty("status").GetString());
        Assert.Equal(100, document.GetProperty("latestJob").GetProperty("progress").GetInt32());
        var list = await admin.Http.GetFromJsonAsync<JsonElement>("/api/documents?collection=uploads");
        Assert.Contains(list.EnumerateArray(), d => d.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Delete_removes_the_document_its_chunks_its_keyword_postings_and_its_blob()
    {
        using var admin = await AdminAsync();
        var id = await UploadOneAsync(admin.Http, "deletes", "notice.md", BadFiles.Utf8("# Temporary\n\nThis notice about the fire drill on Thursday (drill code qzxwvdrill) will be deleted."));
        var sha = await fixture.Database.ScalarAsync<string>($"SELECT sha256 FROM documents WHERE id = '{id}'");
        const string DocumentFrequency = "SELECT coalesce(sum(df), 0) FROM collection_lexeme_stats WHERE lexeme = 'qzxwvdrill'";
        Assert.Equal(1, await fixture.Database.ScalarAsync<long>(DocumentFrequency));
        Assert.True(await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM chunk_terms WHERE document_id = '{id}'") > 0);

        var delete = await admin.Http.DeleteAsync($"/api/documents/{id}");
        var again = await admin.Http.DeleteAsync($"/api/documents/{id}");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(0, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM chunks WHERE document_id = '{id}'"));
        Assert.Equal(0, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM chunk_terms WHERE document_id = '{id}'"));
        Assert.Equal(0, await fixture.Database.ScalarAsync<long>(DocumentFrequency));
        Assert.Empty(Directory.EnumerateFiles(fixture.App.BlobRoot, sha, SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Moving_reingesting_and_deleting_a_document_keep_each_collections_keyword_counts_equal_to_a_recount()
    {
        using var admin = await AdminAsync();
        var id = await UploadOneAsync(admin.Http, "df-before", "fleet.md", BadFiles.Utf8("# Fleet\n\nThe vrekkanol valve on truck 7 (part vrekkanol-2) is replaced every spring."));
        // Postings whose collection is not their document's, and (lexeme, collection) counts that differ from a recount.
        const string Mismatches = """
            SELECT (SELECT count(*) FROM chunk_terms t JOIN documents d ON d.id = t.document_id WHERE t.collection <> d.collection)
                 + (SELECT count(*) FROM (SELECT lexeme, collection, count(*) AS df FROM chunk_terms GROUP BY lexeme, collection) r
                    FULL JOIN (SELECT * FROM collection_lexeme_stats WHERE df <> 0) s USING (lexeme, collection)
                    WHERE r.df IS DISTINCT FROM s.df)
            """;
        async Task<string> CountsAsync() => await fixture.Database.ScalarAsync<string>(
            "SELECT coalesce(string_agg(collection || '=' || df, ',' ORDER BY collection), '') FROM collection_lexeme_stats WHERE lexeme = 'vrekkanol' AND df <> 0");
        Assert.Equal("df-before=1", await CountsAsync());

        var moved = await admin.Http.PatchAsJsonAsync($"/api/documents/{id}", new { collection = "df-after" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("df-after=1", await CountsAsync());
        Assert.Equal(0, await fixture.Database.ScalarAsync<long>(Mismatches));
        var found = await admin.Http.GetFromJsonAsync<JsonElement>("/api/search?q=vrekkanol&mode=keyword&collection=df-after");
        var gone = await admin.Http.GetFromJsonAsync<JsonElement>("/api/search?q=vrekkanol&mode=keyword&collection=df-before");
        Assert.Equal(id, found.GetProperty("results")[0].GetProperty("documentId").GetGuid());
        Assert.Equal(0, gone.GetProperty("results").GetArrayLength());

        Assert.Equal(HttpStatusCode.Accepted, (await admin.Http.PostAsync($"/api/documents/{id}/reingest", null)).StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await fixture.Database.ScalarAsync<int>($"SELECT version FROM documents WHERE id = '{id}'") < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "re-ingestion did not complete");
            await Task.Delay(100);
        }

        Assert.Equal("df-after=1", await CountsAsync());
        Assert.Equal(0, await fixture.Database.ScalarAsync<long>(Mismatches));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Http.DeleteAsync($"/api/documents/{id}")).StatusCode);
        Assert.Equal("", await CountsAsync());
        Assert.Equal(0, await fixture.Database.ScalarAsync<long>(Mismatches));
    }

    [Fact]
    public async Task Reingest_runs_the_pipeline_again_and_a_second_request_meanwhile_is_a_conflict()
    {
        using var admin = await AdminAsync();
        var id = await UploadOneAsync(admin.Http, "reingest", "menu.txt", BadFiles.Utf8("Monday: lentil soup. Tuesday: pasta."));

        var reingest = await admin.Http.PostAsync($"/api/documents/{id}/reingest", null);
        var conflict = await admin.Http.PostAsync($"/api/documents/{id}/reingest", null);
        var missing = await admin.Http.PostAsync($"/api/documents/{Guid.NewGuid()}/reingest", null);

        Assert.Equal(HttpStatusCode.Accepted, reingest.StatusCode);
        Assert.True(conflict.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Accepted, "the first job may already be done");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await fixture.Database.ScalarAsync<int>($"SELECT version FROM documents WHERE id = '{id}'") < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "re-ingestion did not complete");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Malformed_uploads_are_clear_4xx_problems()
    {
        using var admin = await AdminAsync();

        var noFiles = await admin.Http.PostAsync("/api/documents", Form("x"));
        var notMultipart = await admin.Http.PostAsync("/api/documents", new StringContent("{}", Encoding.UTF8, "application/json"));
        var allBad = await admin.Http.PostAsync("/api/documents", Form("x", ("a.exe", [0x4D, 0x5A, 0x00])));
        var allTooBig = await admin.Http.PostAsync("/api/documents", Form("x", ("big.txt", new byte[KnowledgeBaseApp.MaxFileBytes + 10])));
        var badReplaces = Form("x", ("a.txt", BadFiles.Utf8("hello there")));
        badReplaces.Add(new StringContent("not-a-guid"), "replaces");
        var replacesInvalid = await admin.Http.PostAsync("/api/documents", badReplaces);
        var unknownReplaces = Form("x", ("a.txt", BadFiles.Utf8("hello there again")));
        unknownReplaces.Add(new StringContent(Guid.NewGuid().ToString()), "replaces");
        var replacesUnknown = await admin.Http.PostAsync("/api/documents", unknownReplaces);
        var nulCollection = await admin.Http.PostAsync("/api/documents", Form("hr\0docs", ("a.txt", BadFiles.Utf8("hello from a NUL"))));

        Assert.Equal(HttpStatusCode.BadRequest, noFiles.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notMultipart.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, allBad.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, allTooBig.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replacesInvalid.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, replacesUnknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nulCollection.StatusCode);
        Assert.Contains("'collection'", await nulCollection.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var response in new[] { noFiles, notMultipart, allBad, allTooBig, replacesInvalid, replacesUnknown, nulCollection })
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.False(string.IsNullOrWhiteSpace((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()));
        }
    }

    [Fact]
    public async Task A_request_over_the_total_limit_is_cut_off_with_413_and_nothing_of_it_is_kept()
    {
        using var admin = await AdminAsync();
        var file = (int)(KnowledgeBaseApp.MaxRequestBytes / 3) + 1024;
        var files = Enumerable.Range(0, 3).Select(i => ($"part-{i}.txt", Enumerable.Repeat((byte)('a' + i), file).ToArray())).ToArray();

        var response = await admin.Http.PostAsync("/api/documents", Form("over-total", files));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than the limit of 12 MB per request", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM documents WHERE collection = 'over-total'"));
        var staging = Path.Combine(fixture.App.BlobRoot, "tmp");
        Assert.Empty(Directory.Exists(staging) ? Directory.EnumerateFiles(staging) : []);
    }

    [Fact]
    public async Task An_upload_whose_database_write_fails_answers_503_with_Retry_After_and_keeps_no_file()
    {
        using var admin = await AdminAsync();
        var bytes = BadFiles.Utf8($"# Brackwater {Guid.NewGuid():N}\n\nThe brackwater sluice opens at noon.");
        await using var hold = await UploadHold.TakeAsync(fixture.Database.ConnectionString, "db-failure", "brackwater.md");

        var response = await hold.FailEveryTryAsync(admin.Http.PostAsync("/api/documents", Form("db-failure", ("brackwater.md", bytes))));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(File.Exists(UploadHold.BlobPath(fixture.App.BlobRoot, bytes)), "a blob nothing refers to was left behind");
        Assert.Equal(0, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM documents WHERE collection = 'db-failure'"));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(AppFixture.EmployeeEmail, HttpStatusCode.Forbidden)]
    public async Task Only_admins_manage_documents(string? email, HttpStatusCode expected)
    {
        using var client = await fixture.App.SignInAsync(email, email is null ? null : AppFixture.Password);
        var id = Guid.NewGuid();

        var responses = new[]
        {
            await client.Http.PostAsync("/api/documents", Form("x", ("a.txt", BadFiles.Utf8("hello")))),
            await client.Http.GetAsync("/api/documents"),
            await client.Http.GetAsync($"/api/documents/{id}"),
            await client.Http.DeleteAsync($"/api/documents/{id}"),
            await client.Http.PostAsync($"/api/documents/{id}/reingest", null),
        };

        Assert.All(responses, r => Assert.Equal(expected, r.StatusCode));
        Assert.Equal(0, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM documents WHERE collection = 'x' AND source_name = 'a.txt' AND size_bytes = 5"));
    }
}
