using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Conversations;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Identity;

/// <summary>A stored answer is re-checked against the reader's current access when it is shown and when it becomes history.</summary>
[Collection(IdentityCollection.Name)]
public sealed class StoredAnswerAccessTests(IdentityApp fixture)
{
    [Fact]
    public async Task After_losing_a_group_the_old_answer_shows_source_no_longer_available_and_is_not_history()
    {
        const string email = "leaver@identity.example";
        await fixture.App.AddUserAsync(email, IdentityApp.Password, Roles.Employee, "staff", "hr");
        using var user = await fixture.App.SignInAsync(email, IdentityApp.Password);
        using var admin = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password);
        var asked = await user.Http.PostAsJsonAsync("/api/ask", new { question = "How big is the confidential bonus pool for 2026?" });
        var conversationId = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString()!;
        var before = await user.Http.GetStringAsync($"/api/conversations/{conversationId}");
        Assert.Contains(fixture.HrDocument.ToString(), before, StringComparison.Ordinal);
        Assert.Contains("7.5 million", before, StringComparison.Ordinal);

        var me = await user.Http.GetFromJsonAsync<JsonElement>("/api/auth/me");
        (await admin.Http.PutAsJsonAsync($"/api/users/{me.GetProperty("id").GetString()}", new { groups = new[] { "staff" } })).EnsureSuccessStatusCode();
        var after = await user.Http.GetStringAsync($"/api/conversations/{conversationId}");

        Assert.DoesNotContain(fixture.HrDocument.ToString(), after, StringComparison.Ordinal);
        Assert.DoesNotContain("7.5 million", after, StringComparison.Ordinal);
        Assert.DoesNotContain("bonus-pool", after, StringComparison.Ordinal);
        Assert.Contains(StoredAnswerAccess.UnavailableTitle, after, StringComparison.Ordinal);
        Assert.Contains(StoredAnswerAccess.WithheldText, after, StringComparison.Ordinal);

        await using var scope = fixture.App.Services.CreateAsyncScope();
        var (admitted, _) = await scope.ServiceProvider.GetRequiredService<ConversationService>().AdmitAsync(
            new AskRequest("And in 2027?", ConversationId: Guid.Parse(conversationId)), new Asker(me.GetProperty("id").GetString()!, email),
            new AccessScope(["staff"], false), null, CancellationToken.None);
        Assert.NotNull(admitted);
        Assert.Single(admitted.History);
        Assert.DoesNotContain(admitted.History, t => t.Text.Contains("7.5 million", StringComparison.Ordinal));
    }
}
