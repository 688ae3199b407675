using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Support;

internal static class JobWaiter
{
    /// <summary>Waits until every job is done or failed (workers run elsewhere); fails the test on timeout.</summary>
    public static async Task<List<IngestionJob>> WaitAsync(IServiceProvider services, IReadOnlyCollection<long> jobIds, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
            var jobs = await db.IngestionJobs.AsNoTracking().Where(j => jobIds.Contains(j.Id)).ToListAsync();
            if (jobs.All(j => j.Status is JobStatus.Done or JobStatus.Failed))
            {
                return jobs;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Ingestion did not finish in time: {string.Join(", ", jobs.Select(j => $"{j.SourceName}={j.Status}/{j.Stage}/{j.Progress}%"))}");
            await Task.Delay(100);
        }
    }

    /// <summary>Uploads one file and, when it was queued, waits for its job.</summary>
    public static async Task<(UploadResult Upload, IngestionJob? Job)> UploadAndWaitAsync(
        IServiceProvider services, string fileName, byte[] content, string collection = "default", IReadOnlyList<string>? groups = null, Guid? replaces = null)
    {
        UploadResult upload;
        await using (var scope = services.CreateAsyncScope())
        {
            upload = await scope.ServiceProvider.GetRequiredService<DocumentService>().UploadAsync(
                new UploadRequest(fileName, new MemoryStream(content), collection, groups ?? [], replaces), CancellationToken.None);
        }

        if (upload.JobId is not { } jobId || upload.Outcome is UploadOutcome.Unchanged)
        {
            return (upload, null);
        }

        return (upload, (await WaitAsync(services, [jobId])).Single());
    }
}
