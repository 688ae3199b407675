using System.Text;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Documents;

/// <summary>
/// Uploads are held half-way (<see cref="UploadHold"/>) so that a clean-up of the same bytes, or a database
/// failure, lands in the middle.
/// </summary>
public sealed class UploadRaceTests(ServiceHostWithWorkers host) : IClassFixture<ServiceHostWithWorkers>
{
    private ServiceHost Services => host.Services;

    [Fact]
    public async Task Deleting_the_only_document_with_some_bytes_while_they_are_uploaded_again_keeps_them_for_the_upload()
    {
        var bytes = Encoding.UTF8.GetBytes($"# Kestrimar {Guid.NewGuid():N}\n\nThe kestrimar valve is checked every spring.");
        var (first, _) = await Services.IngestAsync("kestrimar.md", bytes, "race-before");

        UploadResult again;
        await using (var hold = await UploadHold.TakeAsync(Services.Database.ConnectionString, "race-after", "kestrimar.md"))
        {
            var upload = Services.UploadAsync("kestrimar.md", bytes, "race-after");
            await hold.WaitUntilBlockedAsync();
            await using (var scope = Services.Services.CreateAsyncScope())
            {
                Assert.True(await scope.ServiceProvider.GetRequiredService<DocumentService>().DeleteAsync(first.DocumentId!.Value, CancellationToken.None));
            }

            await hold.ReleaseAsync();
            again = await upload;
        }

        var job = (await JobWaiter.WaitAsync(Services.Services, [again.JobId!.Value])).Single();
        Assert.True(job.Status == JobStatus.Done, job.LastError);
        Assert.True(File.Exists(BlobPath(bytes)), "the upload's bytes were deleted under it");
    }

    [Fact]
    public async Task An_upload_whose_database_write_fails_leaves_no_blob_behind()
    {
        var bytes = Encoding.UTF8.GetBytes($"# Orvendal {Guid.NewGuid():N}\n\nThe orvendal report is due on Fridays.");

        await Assert.ThrowsAnyAsync<Exception>(() => UploadWhileTheDatabaseFailsAsync("orvendal.md", bytes, "failing-writes"));

        Assert.False(File.Exists(BlobPath(bytes)), "a blob nothing refers to was left behind");
        Assert.Empty(Directory.Exists(Path.Combine(Services.BlobRoot, "tmp")) ? Directory.EnumerateFiles(Path.Combine(Services.BlobRoot, "tmp")) : []);
        Assert.Equal(0, await Services.Database.ScalarAsync<long>("SELECT count(*) FROM documents WHERE collection = 'failing-writes'"));
    }

    [Fact]
    public async Task A_failed_upload_of_bytes_another_document_uses_leaves_them_in_place()
    {
        var bytes = Encoding.UTF8.GetBytes($"# Hallowmere {Guid.NewGuid():N}\n\nThe hallowmere gate closes at 19:00.");
        var (kept, _) = await Services.IngestAsync("hallowmere.md", bytes, "kept");

        await Assert.ThrowsAnyAsync<Exception>(() => UploadWhileTheDatabaseFailsAsync("hallowmere.md", bytes, "failing-copies"));

        Assert.True(File.Exists(BlobPath(bytes)));
        Assert.Equal("ready", await Services.Database.ScalarAsync<string>($"SELECT status FROM documents WHERE id = '{kept.DocumentId}'"));
    }

    private async Task<UploadResult> UploadWhileTheDatabaseFailsAsync(string name, byte[] bytes, string collection)
    {
        await using var hold = await UploadHold.TakeAsync(Services.Database.ConnectionString, collection, name);
        return await hold.FailEveryTryAsync(Services.UploadAsync(name, bytes, collection));
    }

    private string BlobPath(byte[] bytes) => UploadHold.BlobPath(Services.BlobRoot, bytes);
}
