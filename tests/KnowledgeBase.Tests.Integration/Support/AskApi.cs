using System.Net.Http.Json;
using System.Text.Json;

namespace KnowledgeBase.Tests.Integration.Support;

internal static class AskApi
{
    /// <summary>Asks through POST /api/ask and returns the JSON answer (failing the test on any other status).</summary>
    public static async Task<JsonElement> AskAsync(this SignedInClient client, string question, Guid? conversationId = null)
    {
        var response = await client.Http.PostAsJsonAsync("/api/ask", new { question, conversationId });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body;
    }

    public static Guid ConversationId(this JsonElement answer) => answer.GetProperty("conversationId").GetGuid();

    public static Guid MessageId(this JsonElement answer) => answer.GetProperty("messageId").GetGuid();

    public static JsonElement FirstCitation(this JsonElement answer) => answer.GetProperty("citations")[0];
}
