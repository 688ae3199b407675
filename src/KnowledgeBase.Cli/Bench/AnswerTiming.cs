namespace KnowledgeBase.Cli.Bench;

/// <summary>One answer of a load run: when it arrived and, in ms from then, its milestones; or why it failed.</summary>
internal sealed class AnswerTiming(double arrivedAtSeconds)
{
    public double ArrivedAtSeconds { get; } = arrivedAtSeconds;

    public double? FirstCitationMs { get; set; }

    public double? FirstTokenMs { get; set; }

    public double? DoneMs { get; set; }

    /// <summary>error_event, rate_limited, http, connection, timeout or protocol; null when it ended with done.</summary>
    public string? Error { get; set; }
}
