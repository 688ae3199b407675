using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace KnowledgeBase.Tests.Integration.Identity;

[Collection(IdentityCollection.Name)]
public sealed class AdminIdentityTests(IdentityApp fixture)
{
    [Fact]
    public async Task An_admin_creates_a_user_who_can_sign_in_and_duplicates_or_unknown_groups_are_refused()
    {
        using var admin = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password);

        var created = await admin.Http.PostAsJsonAsync("/api/users", new { email = "New.Person@identity.example", password = "another-long-password", displayName = "New Person", role = "Employee", groups = new[] { "hr" } });
        var user = await created.Content.ReadFromJsonAsync<JsonElement>();
        var duplicate = await admin.Http.PostAsJsonAsync("/api/users", new { email = "new.person@identity.example", password = "another-long-password", role = "Employee", groups = Array.Empty<string>() });
        var unknownGroup = await admin.Http.PostAsJsonAsync("/api/users", new { email = "x@identity.example", password = "another-long-password", role = "Employee", groups = new[] { "nope" } });
        var shortPassword = await admin.Http.PostAsJsonAsync("/api/users", new { email = "y@identity.example", password = "short", role = "Employee", groups = Array.Empty<string>() });
        var badRole = await admin.Http.PostAsJsonAsync("/api/users", new { email = "z@identity.example", password = "another-long-password", role = "Owner", groups = Array.Empty<string>() });
        using var signedIn = await fixture.App.SignInAsync("new.person@identity.example", "another-long-password");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("new.person@identity.example", user.GetProperty("email").GetString());
        Assert.Equal("New Person", user.GetProperty("displayName").GetString());
        Assert.Equal(["hr"], user.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownGroup.StatusCode);
        Assert.Contains("nope", (await unknownGroup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.Equal("New Person", (await signedIn.Http.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task An_admin_cannot_delete_or_demote_themselves()
    {
        using var admin = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password);
        var id = (await admin.Http.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.Conflict, (await admin.Http.DeleteAsync($"/api/users/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.Http.PutAsJsonAsync($"/api/users/{id}", new { role = "Employee" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.DeleteAsync($"/api/users/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Groups_list_their_members_and_documents_and_one_in_use_cannot_be_deleted()
    {
        using var admin = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password);

        var created = await admin.Http.PostAsJsonAsync("/api/groups", new { name = "legal", description = "Legal team" });
        var again = await admin.Http.PostAsJsonAsync("/api/groups", new { name = "legal" });
        var invalid = await admin.Http.PostAsJsonAsync("/api/groups", new { name = "no spaces please" });
        var groups = (await admin.Http.GetFromJsonAsync<JsonElement>("/api/groups")).EnumerateArray().ToDictionary(g => g.GetProperty("name").GetString()!);
        var inUse = await admin.Http.DeleteAsync("/api/groups/hr");
        var unused = await admin.Http.DeleteAsync("/api/groups/legal");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("Legal team", groups["legal"].GetProperty("description").GetString());
        Assert.True(groups["hr"].GetProperty("members").GetInt32() >= 1);
        Assert.Equal(1, groups["hr"].GetProperty("documents").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
        Assert.Contains("document", (await inUse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, unused.StatusCode);
    }
}
