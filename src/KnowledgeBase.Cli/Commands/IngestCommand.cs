using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using KnowledgeBase.Infrastructure.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Cli.Commands;

internal static class IngestCommand
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules", ".git" };

    public static Command Create()
    {
        var paths = new Argument<string[]>("path") { Description = "Files or directories (searched recursively).", Arity = ArgumentArity.OneOrMore };
        var collection = new Option<string>("--collection") { Description = "Collection to put the documents in.", DefaultValueFactory = _ => "default" };
        var groups = new Option<string?>("--groups") { Description = "Comma-separated access groups; none means every signed-in user." };
        var wait = new Option<bool>("--wait") { Description = "Wait until every document is ready or failed (ingestion here is always inline, so this is the default)." };
        var command = new Command("ingest", "Ingest files into the knowledge base.") { paths, collection, groups, wait };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var accessGroups = (parse.GetValue(groups) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var files = new List<string>();
            foreach (var path in parse.GetValue(paths)!)
            {
                if (Directory.Exists(path))
                {
                    files.AddRange(Walk(path));
                }
                else if (File.Exists(path))
                {
                    files.Add(path);
                }
                else
                {
                    Console.Error.WriteLine($"✗ {path}: no such file or directory");
                }
            }

            await using var services = CliHost.Build();
            var started = Stopwatch.GetTimestamp();
            var summary = new Summary();
            foreach (var file in files)
            {
                await using var scope = services.CreateAsyncScope();
                var ingestor = scope.ServiceProvider.GetRequiredService<DocumentIngestor>();
                var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
                var result = await ingestor.IngestAsync(
                    new IngestionRequest(Path.GetFileName(file), bytes, parse.GetValue(collection)!, accessGroups), null, cancellationToken);
                summary.Add(result);
                Console.WriteLine(Describe(file, result));
            }

            summary.Seconds = Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 2);
            Console.WriteLine(JsonSerializer.Serialize(summary, JsonOptions.Compact));
            return summary.Failed > 0 && summary.Failed == summary.Documents ? 1 : 0;
        });
        return command;
    }

    private static IEnumerable<string> Walk(string directory) =>
        Directory.EnumerateFiles(directory)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Concat(Directory.EnumerateDirectories(directory)
                .Where(d => !SkippedDirectories.Contains(Path.GetFileName(d)) && !Path.GetFileName(d).StartsWith('.'))
                .Order(StringComparer.Ordinal)
                .SelectMany(Walk));

    private static string Describe(string file, IngestionResult result)
    {
        var pages = result.Pages is { } p ? $"{p} pages, " : string.Empty;
        var line = result.Outcome switch
        {
            IngestionOutcome.New => $"✓ new        {file} ({pages}{result.Chunks} chunks)",
            IngestionOutcome.Updated => $"✓ updated    {file} ({pages}{result.Chunks} chunks, replaces the previous version)",
            IngestionOutcome.Unchanged => $"= unchanged  {file} (same bytes already ingested)",
            _ => $"✗ failed     {file}: {result.Reason}",
        };
        return result.Warnings.Count == 0 ? line : line + string.Concat(result.Warnings.Select(w => $"\n    ! {w}"));
    }

    private sealed class Summary
    {
        public int Documents { get; set; }
        public int New { get; set; }
        public int Unchanged { get; set; }
        public int Failed { get; set; }
        public int Chunks { get; set; }
        public double Seconds { get; set; }

        public void Add(IngestionResult result)
        {
            Documents++;
            switch (result.Outcome)
            {
                case IngestionOutcome.New or IngestionOutcome.Updated:
                    New++;
                    Chunks += result.Chunks;
                    break;
                case IngestionOutcome.Unchanged:
                    Unchanged++;
                    break;
                default:
                    Failed++;
                    break;
            }
        }
    }
}
