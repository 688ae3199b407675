using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Infrastructure.Library;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Tests.Integration.Library;

/// <summary>The first screen's summary and suggested questions come only from documents the caller may read.</summary>
[Collection(SharedApp.Name)]
public sealed class LibraryTests(AppFixture fixture)
{
    [Fact]
    public async Task The_summary_and_suggestions_cover_the_callers_groups_and_never_another_groups_documents()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var group = $"gala-{suffix}";
        var member = $"gala-member-{suffix}@test.example";
        var outsider = $"gala-outsider-{suffix}@test.example";
        await fixture.App.AddUserAsync(member, AppFixture.Password, Roles.Employee, group);
        // A group of their own: other tests in the shared app may add documents for "staff".
        await fixture.App.AddUserAsync(outsider, AppFixture.Password, Roles.Employee, $"gala-outsiders-{suffix}");
        var faq = Path.Combine(Path.GetTempPath(), $"gala-faq-{suffix}.txt");
        await File.WriteAllTextAsync(faq, "Gala FAQ\n\nQ: When does the lighthouse gala start?\nA: The gala starts at 19:00 on the pier.\n");
        var (upload, _) = await fixture.App.IngestAsync(faq, "default", group);
        File.Delete(faq);
        var galaId = upload.DocumentId!.Value;

        using var insider = await fixture.App.SignInAsync(member, AppFixture.Password);
        using var stranger = await fixture.App.SignInAsync(outsider, AppFixture.Password);
        // Other tests' documents in the shared app may become ready between two reads: read until the outsider's
        // count is the same before and after the member's read.
        JsonElement mine, theirs;
        for (var attempt = 1; ; attempt++)
        {
            theirs = await stranger.Http.GetFromJsonAsync<JsonElement>("/api/library");
            mine = await insider.Http.GetFromJsonAsync<JsonElement>("/api/library");
            var again = await stranger.Http.GetFromJsonAsync<JsonElement>("/api/library");
            if (again.GetProperty("documents").GetInt32() == theirs.GetProperty("documents").GetInt32() || attempt == 20)
            {
                break;
            }

            await Task.Delay(250);
        }

        var opened = await insider.Http.GetAsync($"/api/library/documents/{galaId}");
        var refused = await stranger.Http.GetAsync($"/api/library/documents/{galaId}");

        // The newest readable document leads: its own question is the first suggestion.
        var first = mine.GetProperty("suggestions")[0];
        Assert.Equal("When does the lighthouse gala start?", first.GetProperty("question").GetString());
        Assert.Equal(galaId, first.GetProperty("documentId").GetGuid());
        Assert.InRange(mine.GetProperty("suggestions").GetArrayLength(), 3, 4);
        // No sample document is for "staff" only: the member reads exactly one more (the gala FAQ).
        Assert.Equal(theirs.GetProperty("documents").GetInt32() + 1, mine.GetProperty("documents").GetInt32());
        Assert.DoesNotContain("gala", theirs.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(galaId.ToString(), theirs.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("salary", theirs.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("gala-faq-" + suffix + ".txt", (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sourceName").GetString());
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("not shared with your groups", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_whose_groups_can_read_no_document_gets_zero_documents_and_no_suggestions()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.Context();
        db.Documents.Add(Document.Queue(Guid.NewGuid(), "minutes.md", "text/markdown", new string('a', 64), 10, "default", ["board"], DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlAsync($"UPDATE documents SET status = {StatusNames.Ready}");

        var outsider = await new LibraryOverview(db).SummarizeAsync(new AccessScope(["staff"], SeesEverything: false), CancellationToken.None);
        var board = await new LibraryOverview(db).SummarizeAsync(new AccessScope(["board"], SeesEverything: false), CancellationToken.None);

        Assert.Equal(0, outsider.Documents);
        Assert.Empty(outsider.Collections);
        Assert.Null(outsider.LastUpdated);
        Assert.Empty(outsider.Suggestions);
        Assert.Equal(1, board.Documents);
    }
}
