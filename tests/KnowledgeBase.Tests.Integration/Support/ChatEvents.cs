using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace KnowledgeBase.Tests.Integration.Support;

internal static class ChatEvents
{
    /// <summary>Every event of one Ask, as the wire JSON (what a browser receives).</summary>
    public static async Task<List<JsonElement>> AskAsync(HubConnection hub, string question, CancellationToken cancellationToken = default)
    {
        var events = new List<JsonElement>();
        await foreach (var e in hub.StreamAsync<JsonElement>("Ask", new { question }, cancellationToken))
        {
            events.Add(e);
        }

        return events;
    }

    public static string Type(this JsonElement e) => e.GetProperty("type").GetString()!;

    public static string AnswerText(this IEnumerable<JsonElement> events) =>
        string.Concat(events.Where(e => e.Type() == "token").Select(e => e.GetProperty("text").GetString()));
}
