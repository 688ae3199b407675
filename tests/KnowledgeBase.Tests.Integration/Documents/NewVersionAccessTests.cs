using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Tests.Integration.Support;
using static KnowledgeBase.Tests.Integration.Support.DocumentUploads;

namespace KnowledgeBase.Tests.Integration.Documents;

/// <summary>
/// An upload never changes who may read a document: a new version (same name, or <c>replaces</c>) or the
/// same bytes again with other groups is refused with 409 and the reason; the document keeps its readers.
/// The requests are built as the web UI builds them (files, then collection, then groups only when set).
/// </summary>
[Collection(SharedApp.Name)]
public sealed class NewVersionAccessTests(AppFixture fixture)
{
    private static byte[] Text(string text) => BadFiles.Utf8(text);

    [Fact]
    public async Task A_new_version_for_other_groups_is_refused_and_the_document_keeps_its_readers()
    {
        using var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);
        var name = $"zelbrin-{Guid.NewGuid():N}.md";
        var id = await UploadOneAsync(admin.Http, "versions-access", name, Text("# Zelbrin\n\nThe zelbrin allowance is public knowledge."));

        var byName = await admin.Http.PostAsync("/api/documents", Form("versions-access", ["finance"], (name, Text("# Zelbrin\n\nThe zelbrin allowance is 3 percent, for finance only."))));
        var byReplaces = Form("versions-access", ["finance"], ("zelbrin-finance.md", Text("# Zelbrin\n\nFinance-only details of the zelbrin allowance.")));
        byReplaces.Add(new StringContent(id.ToString()), "replaces");
        var viaReplaces = await admin.Http.PostAsync("/api/documents", byReplaces);

        foreach (var response in new[] { byName, viaReplaces })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            var detail = problem.GetProperty("detail").GetString();
            Assert.Contains("readable by everyone, but this upload's 'groups' say finance", detail, StringComparison.Ordinal);
            Assert.Equal("rejected", problem.GetProperty("documents")[0].GetProperty("outcome").GetString());
        }

        var document = await admin.Http.GetFromJsonAsync<JsonElement>($"/api/documents/{id}");
        Assert.Equal(0, document.GetProperty("accessGroups").GetArrayLength());
        Assert.Equal(1, document.GetProperty("version").GetInt32());
        Assert.Equal(1, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM ingestion_jobs WHERE document_id = '{id}'"));
    }

    [Fact]
    public async Task A_new_version_without_the_groups_of_a_restricted_document_is_refused()
    {
        using var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);
        var name = $"salaries-{Guid.NewGuid():N}.md";
        var id = await UploadOneAsync(admin.Http, "versions-access", name, Text("# Salaries\n\nBands are reviewed in March."), "finance");

        // The web UI sends no 'groups' field when the groups box is left empty.
        var response = await admin.Http.PostAsync("/api/documents", Form("versions-access", (name, Text("# Salaries\n\nBands are reviewed in April."))));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("readable by finance, but this upload's 'groups' say everyone", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("finance", await fixture.Database.ScalarAsync<string>($"SELECT array_to_string(access_groups, ',') FROM documents WHERE id = '{id}'"));
    }

    [Fact]
    public async Task The_same_bytes_for_other_groups_are_refused_rather_than_reported_unchanged()
    {
        using var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);
        var content = Text($"# Plimsork {Guid.NewGuid():N}\n\nThe plimsork rota changes every Monday.");
        await UploadOneAsync(admin.Http, "versions-access", "rota.md", content);

        var response = await admin.Http.PostAsync("/api/documents", Form("versions-access", ["finance"], ("rota-copy.md", content)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("The same content is already in 'versions-access' as 'rota.md'", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_version_with_the_documents_groups_is_accepted_and_in_a_batch_only_the_conflict_is_refused()
    {
        using var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);
        var name = $"payroll-{Guid.NewGuid():N}.md";
        var id = await UploadOneAsync(admin.Http, "versions-access", name, Text("# Payroll\n\nPayday is the 25th."), "finance");

        var response = await admin.Http.PostAsync("/api/documents", Form("versions-access", ["finance"],
            (name, Text("# Payroll\n\nPayday is the 24th from June.")),
            ($"public-{Guid.NewGuid():N}.md", Text("# Quorvel\n\nThe quorvel opens from 11:30."))));
        var conflicting = await admin.Http.PostAsync("/api/documents", Form("versions-access", ["finance", "staff"],
            (name, Text("# Payroll\n\nPayday moves again.")),
            ($"other-{Guid.NewGuid():N}.md", Text("# Vantrop\n\nVantrop lot B is for visitors."))));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documents");
        Assert.Equal(["newversion", "queued"], items.EnumerateArray().Select(i => i.GetProperty("outcome").GetString()));
        Assert.Equal(id, items[0].GetProperty("documentId").GetGuid());
        // A ready document stays ready while its new version is ingested: wait for the version itself.
        var ready = await WaitForVersionAsync(admin.Http, id, 2);
        Assert.Equal(["finance"], ready.GetProperty("accessGroups").EnumerateArray().Select(g => g.GetString()));

        Assert.Equal(HttpStatusCode.Accepted, conflicting.StatusCode);
        var mixed = (await conflicting.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documents");
        Assert.Equal(["rejected", "queued"], mixed.EnumerateArray().Select(i => i.GetProperty("outcome").GetString()));
        Assert.Contains("readable by finance, but this upload's 'groups' say finance, staff", mixed[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}
