using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Infrastructure.Ingestion.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Cli.Commands;

internal static class IngestCommand
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules", ".git" };

    public static Command Create()
    {
        var paths = new Argument<string[]>("path") { Description = "Files or directories (searched recursively).", Arity = ArgumentArity.OneOrMore };
        var collection = new Option<string>("--collection") { Description = "Collection to put the documents in.", DefaultValueFactory = _ => CollectionNames.Default };
        var groups = new Option<string?>("--groups") { Description = "Comma-separated access groups; none means every signed-in user." };
        var wait = new Option<bool>("--wait") { Description = "Process the queue here until every document is ready or failed (the default)." };
        var noWait = new Option<bool>("--no-wait") { Description = "Only queue the files; running workers (Api or KnowledgeBase.Worker) ingest them." };
        var command = new Command("ingest", "Ingest files into the knowledge base.") { paths, collection, groups, wait, noWait };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var accessGroups = (parse.GetValue(groups) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var files = Files(parse.GetValue(paths)!);
            await using var services = CliHost.Build();
            var started = Stopwatch.GetTimestamp();

            var uploads = new List<(string File, UploadResult Result)>();
            foreach (var file in files)
            {
                await using var scope = services.CreateAsyncScope();
                await using var stream = File.OpenRead(file);
                var result = await scope.ServiceProvider.GetRequiredService<DocumentService>().UploadAsync(
                    new UploadRequest(Path.GetFileName(file), stream, parse.GetValue(collection)!, accessGroups), cancellationToken);
                uploads.Add((file, result));
            }

            var jobIds = uploads.Where(u => u.Result.JobId is not null && u.Result.Outcome is UploadOutcome.Queued or UploadOutcome.NewVersion)
                .Select(u => u.Result.JobId!.Value).ToList();
            if (jobIds.Count > 0 && !parse.GetValue(noWait))
            {
                await RunWorkersUntilDoneAsync(services, jobIds, cancellationToken);
            }

            var summary = await ReportAsync(services, uploads, waited: !parse.GetValue(noWait), cancellationToken);
            summary.Seconds = Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 2);
            Console.WriteLine(JsonSerializer.Serialize(summary, JsonOptions.Compact));
            return summary.Documents > 0 && summary.Failed == summary.Documents ? 1 : 0;
        });
        return command;
    }

    private static List<string> Files(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
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

        return files;
    }

    /// <summary>The same workers as the Api's, in this process, until this batch's jobs are finished; a bar on a terminal.</summary>
    internal static async Task RunWorkersUntilDoneAsync(IServiceProvider services, List<long> jobIds, CancellationToken cancellationToken)
    {
        var worker = services.GetRequiredService<IngestionWorker>();
        await worker.StartAsync(cancellationToken);
        try
        {
            while (true)
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
                var jobs = await db.IngestionJobs.AsNoTracking().Where(j => jobIds.Contains(j.Id)).Select(j => new { j.Status, j.Progress }).ToListAsync(cancellationToken);
                var finished = jobs.Count(j => j.Status is JobStatus.Done or JobStatus.Failed) + (jobIds.Count - jobs.Count);
                if (!Console.IsErrorRedirected)
                {
                    var percent = jobs.Count == 0 ? 100 : (int)jobs.Average(j => j.Status is JobStatus.Done or JobStatus.Failed ? 100 : j.Progress);
                    var bar = new string('█', percent / 4).PadRight(25, '░');
                    Console.Error.Write($"\r{bar} {percent,3}%  {finished}/{jobIds.Count} documents");
                }

                if (finished == jobIds.Count)
                {
                    break;
                }

                await Task.Delay(500, cancellationToken);
            }
        }
        finally
        {
            if (!Console.IsErrorRedirected)
            {
                Console.Error.WriteLine();
            }

            await worker.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<Summary> ReportAsync(IServiceProvider services, List<(string File, UploadResult Result)> uploads, bool waited, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
        var summary = new Summary();
        foreach (var (file, upload) in uploads)
        {
            summary.Documents++;
            if (upload.Outcome == UploadOutcome.Rejected)
            {
                summary.Failed++;
                Console.WriteLine($"✗ failed     {file}: {upload.Reason}");
                continue;
            }

            var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == upload.DocumentId, cancellationToken);
            var job = upload.JobId is { } jobId ? await db.IngestionJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken) : null;
            if (upload.Outcome == UploadOutcome.Unchanged)
            {
                if (document?.Status == DocumentStatus.Failed)
                {
                    summary.Failed++;
                    Console.WriteLine($"✗ failed     {file}: {document.Error} (same bytes as before)");
                }
                else
                {
                    summary.Unchanged++;
                    Console.WriteLine($"= unchanged  {file} (same bytes already ingested)");
                }

                continue;
            }

            if (!waited)
            {
                summary.New++;
                Console.WriteLine($"… queued     {file}");
                continue;
            }

            if (job?.Status != JobStatus.Done || document is null)
            {
                summary.Failed++;
                Console.WriteLine($"✗ failed     {file}: {job?.LastError ?? "the document was deleted"}");
                continue;
            }

            summary.New++;
            summary.Chunks += document.ChunkCount;
            var pages = document.PageCount is { } p ? $"{p} pages, " : string.Empty;
            var verb = upload.Outcome == UploadOutcome.NewVersion ? "✓ updated  " : "✓ new      ";
            Console.WriteLine($"{verb} {file} ({pages}{document.ChunkCount} chunks)" + string.Concat(document.Warnings.Select(w => $"\n    ! {w}")));
        }

        return summary;
    }

    private static IEnumerable<string> Walk(string directory) =>
        Directory.EnumerateFiles(directory)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Concat(Directory.EnumerateDirectories(directory)
                .Where(d => !SkippedDirectories.Contains(Path.GetFileName(d)) && !Path.GetFileName(d).StartsWith('.'))
                .Order(StringComparer.Ordinal)
                .SelectMany(Walk));

    private sealed class Summary
    {
        public int Documents { get; set; }
        public int New { get; set; }
        public int Unchanged { get; set; }
        public int Failed { get; set; }
        public int Chunks { get; set; }
        public double Seconds { get; set; }
    }
}
