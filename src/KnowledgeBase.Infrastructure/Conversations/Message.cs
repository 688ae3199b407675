using KnowledgeBase.Core.Answering;

namespace KnowledgeBase.Infrastructure.Conversations;

public enum MessageRole
{
    User,
    Assistant,
}

/// <summary>How an assistant message ended; a user message is always <see cref="Completed"/>.</summary>
public enum MessageStatus
{
    Completed,
    Failed,
    Cancelled,
}

/// <summary>
/// One message of a conversation. An assistant message carries what the answer cost (usage, model,
/// latency) and points at the question it answers. <see cref="UserId"/> is repeated from the
/// conversation so budgets and reports read one table.
/// </summary>
public sealed class Message
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public required string UserId { get; set; }
    public MessageRole Role { get; set; }
    public required string Text { get; set; }
    public Guid? ReplyToId { get; set; }
    public IReadOnlyList<Citation> Citations { get; set; } = [];
    public int[] CitedNumbers { get; set; } = [];
    public string? Collection { get; set; }
    public string? Model { get; set; }
    public string? Mode { get; set; }
    public bool FallbackUsed { get; set; }
    /// <summary>The model's answer was cut at <c>Llm:MaxOutputTokens</c>.</summary>
    public bool Truncated { get; set; }
    public int InputTokens { get; set; }
    public int OutputTokens { get; set; }
    public decimal Cost { get; set; }
    /// <summary>Served from the answer cache: no model call, <see cref="Cost"/> 0 and <see cref="CostSaved"/> what it cost when written.</summary>
    public bool CacheHit { get; set; }
    public decimal CostSaved { get; set; }
    public long LatencyMs { get; set; }
    public MessageStatus Status { get; set; }
    /// <summary>Why the answer failed, as the user was told.</summary>
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// When the question was asked again in its place (regenerate, edit and resend): the question and its
    /// answers leave the conversation and its history, but still count in usage reports and budgets.
    /// </summary>
    public DateTimeOffset? SupersededAt { get; set; }
}
