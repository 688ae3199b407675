using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Infrastructure.Ingestion;
using KnowledgeBase.Infrastructure.Ingestion.Parsers;
using KnowledgeBase.Infrastructure.Ingestion.Queue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Cli.Commands;

/// <summary>
/// Ingests a folder into a fresh collection through the real queue and workers, then runs the raw
/// encoder alone over the very same chunk texts: their ratio shows what the pipeline costs on top
/// of the model. The benchmark collection (unless --keep) and the warm-up document are deleted afterwards, blobs included.
/// </summary>
internal static class BenchIngestCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "Folder of documents (searched recursively)." };
        var keep = new Option<bool>("--keep") { Description = "Keep the benchmark collection afterwards." };
        var command = new Command("ingest", "Pipeline pages/s and chunks/s against the raw encoder on the same chunks.") { directory, keep };
        command.SetAction(async (arguments, cancellationToken) =>
        {
            var keepCollection = arguments.GetValue(keep);
            var files = Directory.EnumerateFiles(arguments.GetValue(directory)!, "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList();
            var collection = $"bench-{DateTime.UtcNow:yyyyMMddHHmmss}";
            await using var services = CliHost.Build();
            var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

            // The chunks the pipeline will produce, computed up front (untimed) so the raw encoder can run on the same texts.
            var parse = services.GetRequiredService<ParseStep>();
            var chunk = services.GetRequiredService<ChunkStep>();
            var texts = new List<string>();
            foreach (var file in files)
            {
                var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
                try
                {
                    var contentType = ContentTypeDetector.Detect(bytes, file);
                    var parsed = await parse.RunAsync(new ParseInput(bytes, Path.GetFileName(file), contentType), cancellationToken);
                    texts.AddRange((await chunk.RunAsync(parsed, cancellationToken)).Select(c => c.EmbeddingText));
                }
                catch (DocumentRejectedException)
                {
                    // The pipeline refuses it too.
                }
            }

            // Both runs start warm: the model has seen full-length batches before either clock starts.
            foreach (var batch in texts.Take(128).Chunk(64))
            {
                await generator.GenerateAsync(batch, cancellationToken: cancellationToken);
            }

            var rawStarted = Stopwatch.GetTimestamp();
            foreach (var batch in texts.Chunk(64))
            {
                await generator.GenerateAsync(batch, cancellationToken: cancellationToken);
            }

            var rawSeconds = Stopwatch.GetElapsedTime(rawStarted).TotalSeconds;

            var worker = services.GetRequiredService<IngestionWorker>();
            await worker.StartAsync(cancellationToken);

            // A long-running worker has its queries compiled and connections open: warm the whole path once, untimed.
            var warmup = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"# Warm-up {collection}\n\nA short document that exercises every pipeline step once."));
            await IngestAsync(services, [("warmup.md", warmup)], collection + "-warmup", cancellationToken);

            var started = Stopwatch.GetTimestamp();
            await IngestAsync(services, files.Select(f => (Path.GetFileName(f), (Stream)File.OpenRead(f))), collection, cancellationToken);
            var pipelineSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await worker.StopAsync(CancellationToken.None);

            int pages;
            int documents;
            long storedChunks;
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
                var ready = db.Documents.Where(d => d.Collection == collection && d.Status == DocumentStatus.Ready);
                documents = await ready.CountAsync(cancellationToken);
                pages = await ready.SumAsync(d => d.PageCount ?? 0, cancellationToken);
                storedChunks = await db.Chunks.LongCountAsync(c => ready.Any(d => d.Id == c.DocumentId), cancellationToken);
            }

            // Through the document service, so the blobs nothing else uses go too (the warm-up's are new every run).
            await using (var scope = services.CreateAsyncScope())
            {
                var service = scope.ServiceProvider.GetRequiredService<DocumentService>();
                await service.DeleteCollectionAsync(collection + "-warmup", cancellationToken);
                if (!keepCollection)
                {
                    await service.DeleteCollectionAsync(collection, cancellationToken);
                }
            }

            var pipelineChunksPerSecond = storedChunks / pipelineSeconds;
            var rawChunksPerSecond = texts.Count / rawSeconds;
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                files = files.Count,
                documents,
                pages,
                chunks = storedChunks,
                sameChunks = storedChunks == texts.Count,
                pipelineSeconds = Math.Round(pipelineSeconds, 2),
                pagesPerSecond = Math.Round(pages / pipelineSeconds, 2),
                chunksPerSecond = Math.Round(pipelineChunksPerSecond, 2),
                rawEncoderSeconds = Math.Round(rawSeconds, 2),
                rawEncoderChunksPerSecond = Math.Round(rawChunksPerSecond, 2),
                ratio = Math.Round(pipelineChunksPerSecond / rawChunksPerSecond, 3),
                peakWorkingSetMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024),
                workerConcurrency = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WorkerOptions>>().Value.Concurrency,
                processors = Environment.ProcessorCount,
            }, JsonOptions.Compact));
            return 0;
        });
        return command;
    }

    /// <summary>Uploads the files and waits until the running worker has finished all of them.</summary>
    private static async Task IngestAsync(IServiceProvider services, IEnumerable<(string Name, Stream Content)> files, string collection, CancellationToken cancellationToken)
    {
        var jobIds = new List<long>();
        foreach (var (name, content) in files)
        {
            await using var scope = services.CreateAsyncScope();
            await using (content)
            {
                var upload = await scope.ServiceProvider.GetRequiredService<DocumentService>()
                    .UploadAsync(new UploadRequest(name, content, collection, []), cancellationToken);
                if (upload.JobId is { } id && upload.Outcome is UploadOutcome.Queued)
                {
                    jobIds.Add(id);
                }
            }
        }

        await using var poll = services.CreateAsyncScope();
        var db = poll.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
        while (await db.IngestionJobs.CountAsync(j => jobIds.Contains(j.Id) && (j.Status == JobStatus.Pending || j.Status == JobStatus.Running), cancellationToken) > 0)
        {
            await Task.Delay(50, cancellationToken);
        }
    }
}
