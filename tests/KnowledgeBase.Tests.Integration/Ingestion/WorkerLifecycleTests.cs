using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Infrastructure.Ingestion.Queue;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Ingestion;

public sealed class WorkerLifecycleTests
{
    [Fact]
    public async Task A_job_that_keeps_failing_is_retried_then_failed_with_the_last_error()
    {
        var host = await StartHostAsync(new() { ["Workers:MaxAttempts"] = "3", ["Workers:RetryBaseSeconds"] = "0.05" });
        try
        {
            var upload = await host.UploadAsync("vanishing.md", "# Gone\n\nThis blob disappears before a worker reads it."u8.ToArray());
            // A missing blob is an I/O error, not bad input: it is retried like any transient fault.
            foreach (var blob in Directory.EnumerateFiles(host.BlobRoot, "*", SearchOption.AllDirectories))
            {
                File.Delete(blob);
            }

            await host.StartWorkersAsync();
            var job = (await JobWaiter.WaitAsync(host.Services, [upload.JobId!.Value])).Single();

            Assert.Equal(JobStatus.Failed, job.Status);
            Assert.Equal(3, job.Attempts);
            Assert.StartsWith("Gave up after 3 attempts:", job.LastError, StringComparison.Ordinal);
            Assert.Equal("failed", await host.Database.ScalarAsync<string>($"SELECT status FROM documents WHERE id = '{upload.DocumentId}'"));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_job_whose_workers_keep_dying_fails_once_its_attempts_are_spent()
    {
        var host = await StartHostAsync(new() { ["Workers:MaxAttempts"] = "2" });
        try
        {
            var upload = await host.UploadAsync("crasher.md", "# Crasher\n\nPretend every worker that reads this dies."u8.ToArray());
            var queue = host.Services.GetRequiredService<JobQueue>();
            // Two workers claim the job and die with it: neither heartbeats nor finishes, so each lease just runs out.
            foreach (var worker in new[] { "doomed-1", "doomed-2" })
            {
                Assert.NotNull(await queue.ClaimAsync(worker, TimeSpan.FromMilliseconds(200), CancellationToken.None));
                await Task.Delay(500);
            }

            await host.StartWorkersAsync();
            var job = (await JobWaiter.WaitAsync(host.Services, [upload.JobId!.Value])).Single();

            Assert.Equal(JobStatus.Failed, job.Status);
            Assert.Equal(2, job.Attempts);
            Assert.StartsWith("Gave up after 2 attempts: each one stopped without finishing", job.LastError, StringComparison.Ordinal);
            Assert.Equal("failed", await host.Database.ScalarAsync<string>($"SELECT status FROM documents WHERE id = '{upload.DocumentId}'"));
            Assert.Equal(0, await host.Database.ScalarAsync<long>($"SELECT count(*) FROM chunks WHERE document_id = '{upload.DocumentId}'"));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Stopping_a_worker_releases_its_job_for_the_next_one()
    {
        var host = await StartHostAsync(new() { ["Workers:Concurrency"] = "1" });
        try
        {
            var pdf = Path.Combine(RepositoryPaths.Corpus, "zava", "Northwind_Standard_Benefits_Details.pdf");
            var upload = await host.UploadAsync("standard.pdf", await File.ReadAllBytesAsync(pdf));
            await host.StartWorkersAsync();
            // Parsing 100 pages takes most of a minute on a busy two-core machine.
            var deadline = DateTime.UtcNow.AddSeconds(240);
            while (await host.Database.ScalarAsync<int>($"SELECT progress FROM ingestion_jobs WHERE id = {upload.JobId}") < 25)
            {
                Assert.True(DateTime.UtcNow < deadline, "the job never reached embedding");
                await Task.Delay(50);
            }

            await host.StopWorkersAsync();

            Assert.Equal("pending", await host.Database.ScalarAsync<string>($"SELECT status FROM ingestion_jobs WHERE id = {upload.JobId}"));
            Assert.Equal(0, await host.Database.ScalarAsync<int>($"SELECT attempts FROM ingestion_jobs WHERE id = {upload.JobId}"));
            Assert.Equal(0, await host.Database.ScalarAsync<long>($"SELECT count(*) FROM ingestion_jobs WHERE id = {upload.JobId} AND leased_by IS NOT NULL"));
            Assert.Equal("queued", await host.Database.ScalarAsync<string>($"SELECT status FROM documents WHERE id = '{upload.DocumentId}'"));
            Assert.Equal(0, await host.Database.ScalarAsync<long>($"SELECT count(*) FROM chunks WHERE document_id = '{upload.DocumentId}'"));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public void Retry_delays_grow_exponentially_with_jitter_and_a_cap()
    {
        var settings = new WorkerOptions { RetryBaseSeconds = 5 };

        var delays = Enumerable.Range(1, 6).Select(attempt => InRange(IngestionWorker.RetryDelay(attempt, settings).TotalSeconds, 5 * Math.Pow(2, attempt - 1))).ToList();

        Assert.All(delays, Assert.True);
        Assert.Equal(600, IngestionWorker.RetryDelay(30, settings).TotalSeconds, 3);

        static bool InRange(double actual, double nominal) => actual >= nominal * 0.5 && actual <= nominal * 1.5;
    }

    private static async Task<ServiceHost> StartHostAsync(Dictionary<string, string?> settings)
    {
        var host = new ServiceHost(settings);
        await host.InitializeAsync();
        return host;
    }
}
