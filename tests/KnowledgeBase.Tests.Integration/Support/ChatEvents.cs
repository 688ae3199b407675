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

    /// <summary>Every event of one POST /api/ask/stream (server-sent events), with the response's status.</summary>
    public static Task<(System.Net.HttpStatusCode Status, List<JsonElement> Events)> AskOverSseAsync(HttpClient http, string question, CancellationToken cancellationToken = default) =>
        AskOverSseWithAsync(http, new { question }, cancellationToken);

    /// <summary>As <see cref="AskOverSseAsync"/> with a whole request body (collection, cache …).</summary>
    public static async Task<(System.Net.HttpStatusCode Status, List<JsonElement> Events)> AskOverSseWithAsync(HttpClient http, object body, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsync("/api/ask/stream", System.Net.Http.Json.JsonContent.Create(body), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return (response.StatusCode, []);
        }

        return (response.StatusCode, ParseEvents(text));
    }

    /// <summary>The JSON data of each server-sent event; comment blocks (keep-alives) carry none and are skipped.</summary>
    public static List<JsonElement> ParseEvents(string text) =>
        [.. text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n').FirstOrDefault(l => l.StartsWith("data: ", StringComparison.Ordinal)))
            .OfType<string>()
            .Select(data => JsonDocument.Parse(data[6..]).RootElement.Clone())];

    public static string Type(this JsonElement e) => e.GetProperty("type").GetString()!;

    public static string AnswerText(this IEnumerable<JsonElement> events) =>
        string.Concat(events.Where(e => e.Type() == "token").Select(e => e.GetProperty("text").GetString()));
}
