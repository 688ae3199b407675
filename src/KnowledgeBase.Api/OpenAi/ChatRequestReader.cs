using System.Text;
using System.Text.Json;
using KnowledgeBase.Api.BadInput;
using KnowledgeBase.Core.Answering;
using static KnowledgeBase.Api.OpenAi.OpenAiWire;

namespace KnowledgeBase.Api.OpenAi;

/// <summary>
/// Reads and checks a chat-completion request: the last user message is the question, the user and assistant
/// messages before it its history. Anything unusable is a refusal naming the parameter (OpenAI's <c>param</c>),
/// never an exception.
/// </summary>
public static class ChatRequestReader
{
    /// <summary>More history than an answer uses (it keeps a few turns); a bound, not a feature.</summary>
    public const int MaxMessages = 100;

    /// <summary>All messages' text together, in characters.</summary>
    public const int MaxTotalCharacters = 200_000;

    private static readonly HashSet<string> Roles = ["system", "developer", "user", "assistant", "tool"];

    public sealed record Refusal(string Message, string? Param);

    public sealed record ChatRequest(Request Request, string Question, List<ChatTurn> History);

    public static async Task<(ChatRequest? Request, Refusal? Refusal)> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        Request? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<Request>(body, Json, cancellationToken);
        }
        catch (JsonException e)
        {
            var detail = BadRequestDetail.FromJson(e);
            return (null, new Refusal(detail.Message, detail.Field));
        }

        return Check(request);
    }

    public static (ChatRequest? Request, Refusal? Refusal) Check(Request? request)
    {
        if (request?.Messages is not { Count: > 0 } messages)
        {
            return Refuse("'messages' must be a non-empty array of messages.", "messages");
        }

        if (request.N is > 1)
        {
            return Refuse($"'n' must be 1: one answer is generated per request (got {request.N}).", "n");
        }

        if (request.N is < 1)
        {
            return Refuse("'n' must be 1.", "n");
        }

        if (messages.Count > MaxMessages)
        {
            return Refuse($"Too many messages ({messages.Count}; at most {MaxMessages}).", "messages");
        }

        var texts = new List<(string Role, string Text)>();
        var total = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            var param = $"messages[{i}]";
            if (messages[i] is not { } message)
            {
                return Refuse($"'{param}' must be a message object, not null.", param);
            }

            if (message.Role is not { } role || !Roles.Contains(role))
            {
                return Refuse($"'{param}.role' must be one of {string.Join(", ", Roles)}.", $"{param}.role");
            }

            if (Text(message.Content, $"{param}.content", out var text) is { } problem)
            {
                return (null, problem);
            }

            total += text.Length;
            texts.Add((role, text));
        }

        if (total > MaxTotalCharacters)
        {
            return Refuse($"The messages are too long together ({total:N0} characters; at most {MaxTotalCharacters:N0}).", "messages");
        }

        var last = texts.FindLastIndex(t => t.Role == "user");
        if (last < 0 || string.IsNullOrWhiteSpace(texts[last].Text))
        {
            return Refuse("'messages' must contain a user message with text (the question).", "messages");
        }

        // System and developer messages are the caller's instructions, which are not theirs to give the answerer.
        var history = texts[..last]
            .Where(t => t.Role is "user" or "assistant" && t.Text.Length > 0)
            .Select(t => new ChatTurn(t.Role == "user" ? ChatTurnRole.User : ChatTurnRole.Assistant, t.Text))
            .ToList();
        return (new ChatRequest(request, texts[last].Text, history), null);
    }

    /// <summary>A string, or an array of <c>{"type": "text", "text": "…"}</c> parts joined; any other part type is refused.</summary>
    private static Refusal? Text(JsonElement content, string param, out string text)
    {
        text = string.Empty;
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                text = content.GetString()!;
                return TextRules.Problem(text) is { } problem ? new Refusal($"'{param}' {problem}.", param) : null;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return null;
            case JsonValueKind.Array:
                var joined = new StringBuilder();
                var index = 0;
                foreach (var part in content.EnumerateArray())
                {
                    var partParam = $"{param}[{index++}]";
                    if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
                    {
                        return new Refusal($"'{partParam}' must be a content part like {{\"type\": \"text\", \"text\": \"…\"}}.", partParam);
                    }

                    if (type.GetString() != "text")
                    {
                        return new Refusal($"Only text content parts are supported; '{partParam}.type' is \"{type.GetString()}\".", $"{partParam}.type");
                    }

                    if (!part.TryGetProperty("text", out var partText) || partText.ValueKind != JsonValueKind.String)
                    {
                        return new Refusal($"'{partParam}.text' must be a string.", $"{partParam}.text");
                    }

                    var value = partText.GetString()!;
                    if (TextRules.Problem(value) is { } partProblem)
                    {
                        return new Refusal($"'{partParam}.text' {partProblem}.", $"{partParam}.text");
                    }

                    joined.Append(value);
                }

                text = joined.ToString();
                return null;
            default:
                return new Refusal($"'{param}' must be a string or an array of text parts.", param);
        }
    }

    private static (ChatRequest?, Refusal?) Refuse(string message, string param) => (null, new Refusal(message, param));
}
