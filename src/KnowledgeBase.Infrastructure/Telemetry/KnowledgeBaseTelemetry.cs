using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace KnowledgeBase.Infrastructure.Telemetry;

/// <summary>The one ActivitySource and Meter every stage reports to.</summary>
public static class KnowledgeBaseTelemetry
{
    public const string Name = "KnowledgeBase";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);
}
