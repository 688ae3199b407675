using System.Diagnostics;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Ingestion;

/// <summary>
/// Two real KnowledgeBase.Worker processes share the queue; one is killed with SIGKILL in the middle
/// of a document. The survivor takes the job over when the lease expires, and every document ends
/// ready exactly once: nothing lost, no duplicate chunks.
/// </summary>
public sealed class WorkerProcessTests : IAsyncLifetime
{
    private readonly ServiceHost host = new();
    private readonly List<Process> workers = [];

    public Task InitializeAsync() => host.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var worker in workers.Where(w => !w.HasExited))
        {
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
        }

        workers.ForEach(w => w.Dispose());
        await host.DisposeAsync();
    }

    [Fact]
    public async Task A_worker_killed_mid_document_loses_nothing_and_duplicates_nothing()
    {
        var zava = Path.Combine(RepositoryPaths.Corpus, "zava");
        var files = Directory.EnumerateFiles(zava).Where(f => f.EndsWith(".pdf", StringComparison.Ordinal) || f.EndsWith(".md", StringComparison.Ordinal) && !f.EndsWith("SOURCE.md", StringComparison.Ordinal)).Order().ToList();
        foreach (var file in files)
        {
            await host.UploadAsync(Path.GetFileName(file), await File.ReadAllBytesAsync(file), "zava");
        }

        var doomed = StartWorker();
        var survivor = StartWorker();

        // Kill the first worker while it is embedding a document (its lease is held, work half done).
        var deadline = DateTime.UtcNow.AddSeconds(300);
        long killedJob;
        while (true)
        {
            var running = await host.Database.ScalarAsync<long?>(
                $"SELECT min(id) FROM ingestion_jobs WHERE status = 'running' AND stage = 'embedding' AND progress >= 25 AND leased_by LIKE '%:{doomed.Id}:%'");
            if (running is { } id)
            {
                killedJob = id;
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the first worker never got to embedding a document");
            Assert.False(doomed.HasExited, "the first worker exited early");
            await Task.Delay(50);
        }

        doomed.Kill();
        await doomed.WaitForExitAsync();

        // 263 pages on one worker: minutes when other test suites share the two cores.
        deadline = DateTime.UtcNow.AddSeconds(900);
        while (await host.Database.ScalarAsync<long>("SELECT count(*) FROM ingestion_jobs WHERE status IN ('pending', 'running')") > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the surviving worker did not finish the queue");
            Assert.False(survivor.HasExited, "the surviving worker exited");
            await Task.Delay(250);
        }

        Assert.Equal(files.Count, await host.Database.ScalarAsync<long>("SELECT count(*) FROM documents WHERE status = 'ready' AND version = 1"));
        Assert.Equal(files.Count, await host.Database.ScalarAsync<long>("SELECT count(*) FROM ingestion_jobs WHERE status = 'done'"));
        Assert.Equal(0, await host.Database.ScalarAsync<long>(
            "SELECT count(*) FROM documents d WHERE d.chunk_count <> (SELECT count(*) FROM chunks c WHERE c.document_id = d.id) OR d.chunk_count = 0"));
        Assert.Equal(0, await host.Database.ScalarAsync<long>(
            "SELECT count(*) - count(DISTINCT (document_id, ordinal)) FROM chunks"));
        Assert.Equal(0, await host.Database.ScalarAsync<long>("SELECT count(*) FROM chunks WHERE start_page IS NULL AND document_id IN (SELECT id FROM documents WHERE content_type = 'application/pdf')"));
        var takenOverBy = await host.Database.ScalarAsync<string>($"SELECT leased_by FROM ingestion_jobs WHERE id = {killedJob}");
        Assert.Contains($":{survivor.Id}:", takenOverBy, StringComparison.Ordinal);
        Assert.Equal(2, await host.Database.ScalarAsync<int>($"SELECT attempts FROM ingestion_jobs WHERE id = {killedJob}"));
    }

    private Process StartWorker()
    {
        var start = new ProcessStartInfo("dotnet", [RepositoryPaths.BuiltProgram("KnowledgeBase.Worker", "KnowledgeBase.Worker.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ConnectionStrings__KnowledgeBase"] = host.Database.ConnectionString,
                ["Storage__Root"] = host.BlobRoot,
                ["Workers__Concurrency"] = "1",
                ["Workers__LeaseSeconds"] = "3",
                ["Workers__PollSeconds"] = "1",
                ["Logging__LogLevel__Default"] = "Warning",
                ["DOTNET_ENVIRONMENT"] = "Production",
            },
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        workers.Add(process);
        return process;
    }
}
