using System.Text.Json;
using System.Text.Json.Serialization;
using KnowledgeBase.Core.Answering;

namespace KnowledgeBase.Api.OpenAi;

/// <summary>The subset of OpenAI's chat-completions wire format this API speaks (snake_case JSON).</summary>
public static class OpenAiWire
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new BadInput.StrictStringConverter() },
    };

    /// <summary><c>n</c> is accepted only as 1: one answer per request. <c>cache</c> (ours, optional): false asks for a fresh answer, never read from or written to the answer cache.</summary>
    public sealed record Request(string? Model, List<RequestMessage?>? Messages, bool Stream, StreamOptions? StreamOptions, int? N = null, bool? Cache = null);

    /// <summary><c>content</c> is a string or an array of parts (<c>{type: "text", text}</c>).</summary>
    public sealed record RequestMessage(string? Role, JsonElement Content);

    public sealed record StreamOptions(bool IncludeUsage);

    public sealed record Usage(int PromptTokens, int CompletionTokens, int TotalTokens)
    {
        public static Usage From(TokenUsage usage) => new(usage.InputTokens, usage.OutputTokens, usage.InputTokens + usage.OutputTokens);
    }

    public sealed record ResponseMessage(string Role, string Content);

    public sealed record Choice(int Index, ResponseMessage Message, string FinishReason);

    /// <summary>
    /// <c>kb_citations</c>, <c>kb_notices</c> and <c>kb_guardrails</c> are ours: the numbered sources, what happened on
    /// the way (a retry, a fallback model; also shown as a "Note:" line in the content), and what the guardrails did (a
    /// blocked answer also ends with OpenAI's own <c>finish_reason: "content_filter"</c>).
    /// </summary>
    public sealed record Completion(
        string Id, string Object, long Created, string Model, IReadOnlyList<Choice> Choices, Usage Usage, IReadOnlyList<Citation> KbCitations,
        IReadOnlyList<string> KbNotices, IReadOnlyList<GuardrailEvent> KbGuardrails);

    public sealed record Delta(
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content);

    public sealed record ChunkChoice(int Index, Delta Delta, string? FinishReason);

    /// <summary>
    /// A streamed piece. The final chunk (with <c>finish_reason</c>) carries <c>kb_citations</c> and <c>kb_notices</c>;
    /// a notice's own chunk carries it too; an answer cut by a failure ends with <c>kb_error</c> on its final chunk;
    /// a guardrail event travels as a chunk with no choices and <c>kb_guardrail</c> set.
    /// </summary>
    public sealed record Chunk(
        string Id, string Object, long Created, string Model, IReadOnlyList<ChunkChoice> Choices, Usage? Usage,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Citation>? KbCitations,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? KbNotices = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] StreamError? KbError = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] GuardrailEvent? KbGuardrail = null);

    /// <summary>Why a stream ended without its answer; <c>retry_after_seconds</c> when asking again later should work.</summary>
    public sealed record StreamError(string Message, string Code, int? RetryAfterSeconds);

    public sealed record ErrorBody(string Message, string Type, string? Param, string? Code);

    public sealed record ErrorResponse(ErrorBody Error);
}
