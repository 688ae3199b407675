using System.CommandLine;

namespace KnowledgeBase.Cli.Commands;

/// <summary>`kb bench …`: measurements printed as one JSON line, for docs/benchmarks.md.</summary>
internal static class BenchCommand
{
    public static Command Create() => new("bench", "Measure throughput and latency; prints JSON.")
    {
        BenchIngestCommand.Create(),
        BenchQueryCommand.Create(),
        BenchAskCommand.Create(),
        BenchLoadCommand.Create(),
        BenchChatServerCommand.Create(),
        BenchCacheCommand.Create(),
    };
}
