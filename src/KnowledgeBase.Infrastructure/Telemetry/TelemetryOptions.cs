namespace KnowledgeBase.Infrastructure.Telemetry;

public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Put prompt and answer text on model spans. Off by default: they hold company documents and users' questions.</summary>
    public bool CaptureContent { get; set; }
}
