using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Identity;

[Collection(IdentityCollection.Name)]
public sealed class CliUsersTests(IdentityApp fixture)
{
    [Fact]
    public async Task Kb_users_add_creates_a_user_with_groups_that_can_sign_in_and_updates_it_on_a_second_run()
    {
        var (exit, output) = await RunKbAsync("users", "add", "cli@identity.example", "--role", "admin", "--groups", "cli-made,staff", "--password", "cli-long-password");
        using var first = await fixture.App.SignInAsync("cli@identity.example", "cli-long-password");
        var me = await first.Http.GetFromJsonAsync<JsonElement>("/api/auth/me");

        Assert.Equal(0, exit);
        Assert.Contains("cli@identity.example (Admin; groups: cli-made, staff)", output, StringComparison.Ordinal);
        Assert.Equal("Admin", me.GetProperty("role").GetString());
        Assert.Equal(["cli-made", "staff"], me.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));

        var (again, generated) = await RunKbAsync("users", "add", "cli@identity.example", "--role", "employee");
        var password = generated.Split('\n').Single(l => l.StartsWith("password: ", StringComparison.Ordinal))["password: ".Length..].Trim();
        using var second = await fixture.App.SignInAsync("cli@identity.example", password);

        Assert.Equal(0, again);
        // The new password came from another process: the old session ends, the new one works at once.
        Assert.Equal("Employee", (await second.Http.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("role").GetString());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await first.Http.GetAsync("/api/auth/me")).StatusCode);
    }

    private async Task<(int ExitCode, string Output)> RunKbAsync(params string[] args)
    {
        var result = await KbProcess.RunAsync(fixture.Database.ConnectionString, null, args);
        Assert.True(result.ExitCode == 0, result.Errors);
        return (result.ExitCode, result.Output);
    }
}
