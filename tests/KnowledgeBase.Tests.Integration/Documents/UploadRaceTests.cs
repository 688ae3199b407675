using System.Security.Cryptography;
using System.Text;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KnowledgeBase.Tests.Integration.Documents;

/// <summary>
/// Uploads are held half-way (the test takes the lock an upload of that name into that collection takes
/// in its transaction) so that a clean-up of the same bytes, or a database failure, lands in the middle.
/// </summary>
public sealed class UploadRaceTests(UploadRaceTests.Host host) : IClassFixture<UploadRaceTests.Host>
{
    public sealed class Host : IAsyncLifetime
    {
        public ServiceHost Services { get; } = new();

        public async Task InitializeAsync()
        {
            await Services.InitializeAsync();
            await Services.StartWorkersAsync();
        }

        public Task DisposeAsync() => Services.DisposeAsync();
    }

    private ServiceHost Services => host.Services;

    [Fact]
    public async Task Deleting_the_only_document_with_some_bytes_while_they_are_uploaded_again_keeps_them_for_the_upload()
    {
        var bytes = Encoding.UTF8.GetBytes($"# Kestrimar {Guid.NewGuid():N}\n\nThe kestrimar valve is checked every spring.");
        var (first, _) = await Services.IngestAsync("kestrimar.md", bytes, "race-before");

        UploadResult again;
        await using (var hold = await HoldUploadsAsync("race-after", "kestrimar.md"))
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

    /// <summary>Holds the upload in its transaction and ends its database session (as a server restart would), each time it tries.</summary>
    private async Task<UploadResult> UploadWhileTheDatabaseFailsAsync(string name, byte[] bytes, string collection)
    {
        await using var hold = await HoldUploadsAsync(collection, name);
        var upload = Services.UploadAsync(name, bytes, collection);
        while (!upload.IsCompleted)
        {
            if (await hold.BlockedSessionAsync() is { } pid)
            {
                await hold.TerminateAsync(pid);
            }

            await Task.WhenAny(upload, Task.Delay(50));
        }

        return await upload;
    }

    private string BlobPath(byte[] bytes)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return Path.Combine(Services.BlobRoot, sha[..2], sha[2..4], sha);
    }

    private async Task<UploadHold> HoldUploadsAsync(string collection, string name)
    {
        var connection = new NpgsqlConnection(Services.Database.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(@key))", connection, transaction);
        command.Parameters.AddWithValue("key", collection + "\n" + name);
        await command.ExecuteNonQueryAsync();
        return new UploadHold(connection, transaction);
    }

    /// <summary>The lock an upload of one name into one collection waits for, held by the test.</summary>
    private sealed class UploadHold(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        private bool released;

        public async Task<int?> BlockedSessionAsync()
        {
            await using var command = new NpgsqlCommand(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory' AND pid <> pg_backend_pid() LIMIT 1",
                connection, transaction);
            return await command.ExecuteScalarAsync() as int?;
        }

        public async Task WaitUntilBlockedAsync()
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await BlockedSessionAsync() is null)
            {
                Assert.True(DateTime.UtcNow < deadline, "the upload never reached its transaction");
                await Task.Delay(20);
            }
        }

        public async Task TerminateAsync(int pid)
        {
            await using var command = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", connection, transaction);
            command.Parameters.AddWithValue("pid", pid);
            await command.ExecuteNonQueryAsync();
        }

        public async Task ReleaseAsync()
        {
            released = true;
            await transaction.CommitAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (!released)
            {
                await transaction.RollbackAsync();
            }

            await connection.DisposeAsync();
        }
    }
}
