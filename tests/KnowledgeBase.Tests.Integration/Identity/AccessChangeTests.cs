using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Identity;

/// <summary>Group, role and document changes apply to the very next request, on open sessions and hub connections too.</summary>
[Collection(IdentityCollection.Name)]
public sealed class AccessChangeTests(IdentityApp fixture)
{
    [Fact]
    public async Task Removing_a_users_group_stops_access_at_the_next_request_and_hub_call()
    {
        await fixture.App.AddUserAsync("moving@identity.example", IdentityApp.Password, Roles.Employee, "hr");
        using var user = await fixture.App.SignInAsync("moving@identity.example", IdentityApp.Password);
        using var admin = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password);
        await using var hub = user.Hub();
        await hub.StartAsync();
        var content = $"/api/documents/{fixture.HrDocument}/content";
        const string question = "How big is the confidential bonus pool for 2026?";
        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync(content)).StatusCode);
        Assert.Contains(Cited(await ChatEvents.AskAsync(hub, question)), d => d == fixture.HrDocument);

        var id = (await user.Http.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("id").GetString();
        var updated = await admin.Http.PutAsJsonAsync($"/api/users/{id}", new { groups = new[] { "staff" } });

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(["staff"], (await user.Http.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await user.Http.GetAsync(content)).StatusCode);
        // The open connection still carries the old groups: its calls are refused (one error event) until it reconnects.
        var refused = Assert.Single(await ChatEvents.AskAsync(hub, question));
        Assert.Equal("error", refused.Type());
        Assert.Contains("access has changed", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
        await using var reconnected = user.Hub();
        await reconnected.StartAsync();
        Assert.DoesNotContain(Cited(await ChatEvents.AskAsync(reconnected, question)), d => d == fixture.HrDocument);
    }

    [Fact]
    public async Task Promoting_and_deleting_a_user_apply_to_the_open_session()
    {
        await fixture.App.AddUserAsync("promoted@identity.example", IdentityApp.Password, Roles.Employee);
        using var user = await fixture.App.SignInAsync("promoted@identity.example", IdentityApp.Password);
        using var admin = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password);
        var id = (await user.Http.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Forbidden, (await user.Http.GetAsync("/api/users")).StatusCode);

        await admin.Http.PutAsJsonAsync($"/api/users/{id}", new { role = "Admin" });
        var asAdmin = await user.Http.GetAsync("/api/users");
        var deleted = await admin.Http.DeleteAsync($"/api/users/{id}");
        var afterDelete = await user.Http.GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterDelete.StatusCode);
    }

    [Fact]
    public async Task Patching_a_documents_groups_changes_retrieval_and_content_access_at_once()
    {
        using var staff = await fixture.App.SignInAsync(IdentityApp.Staff, IdentityApp.Password);
        using var admin = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password);
        const string question = "What is the quarterly budget for espresso machines?";
        var content = $"/api/documents/{fixture.FinanceDocument}/content";
        Assert.DoesNotContain(fixture.FinanceDocument.ToString(), await AskAsync(staff, question), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.Http.GetAsync(content)).StatusCode);

        try
        {
            var patched = await admin.Http.PatchAsJsonAsync($"/api/documents/{fixture.FinanceDocument}", new { groups = new[] { "finance", "staff" } });

            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
            Assert.Equal(["finance", "staff"], (await patched.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessGroups").EnumerateArray().Select(g => g.GetString()));
            Assert.Contains(fixture.FinanceDocument.ToString(), await AskAsync(staff, question), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await staff.Http.GetAsync(content)).StatusCode);
        }
        finally
        {
            await admin.Http.PatchAsJsonAsync($"/api/documents/{fixture.FinanceDocument}", new { groups = new[] { "finance" } });
        }

        Assert.DoesNotContain(fixture.FinanceDocument.ToString(), await AskAsync(staff, question), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"groups":["no-such-group"]}""", 400, "Unknown group")]
    [InlineData("""{"groups":["two words"]}""", 400, "not a valid group name")]
    [InlineData("""{"collection":"   "}""", 400, "collection")]
    public async Task A_bad_patch_is_a_problem_and_changes_nothing(string json, int status, string detail)
    {
        using var admin = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password);

        var response = await admin.Http.PatchAsync($"/api/documents/{fixture.FinanceDocument}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(detail, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("{finance}", await fixture.Database.ScalarAsync<string>($"SELECT access_groups::text FROM documents WHERE id = '{fixture.FinanceDocument}'"));
    }

    [Fact]
    public async Task Patching_an_unknown_document_is_a_404()
    {
        using var admin = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password);

        var response = await admin.Http.PatchAsJsonAsync($"/api/documents/{Guid.NewGuid()}", new { collection = "other" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<string> AskAsync(SignedInClient client, string question)
    {
        var response = await client.Http.PostAsJsonAsync("/api/ask", new { question });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static IEnumerable<Guid> Cited(List<JsonElement> events) =>
        events[0].GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("documentId").GetGuid());
}
