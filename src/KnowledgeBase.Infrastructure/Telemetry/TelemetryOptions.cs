namespace KnowledgeBase.Infrastructure.Telemetry;

public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// Put prompt and answer text on spans (and so into Langfuse or any OTLP backend). Off by default: they
    /// hold company documents and users' questions. When on, the text is taken after guardrail redaction.
    /// </summary>
    public bool CaptureContent { get; set; }
}
