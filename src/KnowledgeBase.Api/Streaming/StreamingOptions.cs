using System.ComponentModel.DataAnnotations;

namespace KnowledgeBase.Api.Streaming;

/// <summary>Server-sent event streams (section <c>Streaming</c>).</summary>
public sealed class StreamingOptions
{
    public const string Section = "Streaming";

    /// <summary>
    /// A comment line is sent after this many seconds without an event, so proxies with a read timeout
    /// (often 60 s) and clients never see a silent stream while a model is slow or a fallback takes over.
    /// </summary>
    [Range(0.1, 300)]
    public double KeepAliveSeconds { get; set; } = 10;
}
