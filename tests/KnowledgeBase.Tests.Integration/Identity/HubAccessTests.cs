using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace KnowledgeBase.Tests.Integration.Identity;

/// <summary>One process, no Redis: open hub connections follow role and account changes at once.</summary>
[Collection(IdentityCollection.Name)]
public sealed class HubAccessTests(IdentityApp fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_admin_demoted_while_listening_to_ingestion_progress_is_disconnected()
    {
        await fixture.App.AddUserAsync("demoted@identity.example", IdentityApp.Password, Roles.Admin);
        using var user = await fixture.App.SignInAsync("demoted@identity.example", IdentityApp.Password);
        using var admin = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password);
        await using var hub = user.Hub("/hubs/ingestion");
        var closed = ClosedSignal(hub);
        await hub.StartAsync();

        var demoted = await admin.Http.PutAsJsonAsync($"/api/users/{await IdOfAsync(user)}", new { role = "Employee" });

        Assert.Equal(HttpStatusCode.OK, demoted.StatusCode);
        Assert.True(await Task.WhenAny(closed, Task.Delay(Patience)) == closed, "the demoted admin's ingestion connection stayed open");
        var again = await Assert.ThrowsAsync<HttpRequestException>(() => user.Hub("/hubs/ingestion").StartAsync());
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
    }

    [Fact]
    public async Task A_deleted_users_connections_to_both_hubs_are_closed()
    {
        await fixture.App.AddUserAsync("leaver@identity.example", IdentityApp.Password, Roles.Admin);
        using var user = await fixture.App.SignInAsync("leaver@identity.example", IdentityApp.Password);
        using var admin = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password);
        await using var chat = user.Hub();
        await using var ingestion = user.Hub("/hubs/ingestion");
        var closed = Task.WhenAll(ClosedSignal(chat), ClosedSignal(ingestion));
        await chat.StartAsync();
        await ingestion.StartAsync();

        var deleted = await admin.Http.DeleteAsync($"/api/users/{await IdOfAsync(user)}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.True(await Task.WhenAny(closed, Task.Delay(Patience)) == closed, "a deleted user's hub connection stayed open");
    }

    [Fact]
    public async Task A_group_change_tells_the_open_chat_connection_to_reconnect()
    {
        await fixture.App.AddUserAsync("regrouped@identity.example", IdentityApp.Password, Roles.Employee, "staff");
        using var user = await fixture.App.SignInAsync("regrouped@identity.example", IdentityApp.Password);
        using var admin = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password);
        await using var chat = user.Hub();
        var told = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.On("accessChanged", () => told.TrySetResult());
        await chat.StartAsync();

        await admin.Http.PutAsJsonAsync($"/api/users/{await IdOfAsync(user)}", new { groups = new[] { "staff", "hr" } });

        Assert.True(await Task.WhenAny(told.Task, Task.Delay(Patience)) == told.Task, "no accessChanged message reached the open connection");
        Assert.Equal(HubConnectionState.Connected, chat.State);
    }

    private static Task ClosedSignal(HubConnection hub)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }

    private static async Task<string> IdOfAsync(SignedInClient user) =>
        (await user.Http.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("id").GetString()!;
}
