using System.Security.Cryptography;
using Npgsql;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>
/// Holds uploads half-way: the test takes the lock that an upload of one name into one collection takes first in
/// its transaction, so the upload waits there until <see cref="ReleaseAsync"/> (or its session is ended).
/// </summary>
internal sealed class UploadHold(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    private bool released;

    /// <summary>Takes the lock an upload of <paramref name="name"/> into <paramref name="collection"/> waits for in its transaction.</summary>
    public static async Task<UploadHold> TakeAsync(string connectionString, string collection, string name)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(@key))", connection, transaction);
        command.Parameters.AddWithValue("key", collection + "\n" + name);
        await command.ExecuteNonQueryAsync();
        return new UploadHold(connection, transaction);
    }

    /// <summary>Where a blob of these bytes is stored under <paramref name="blobRoot"/>.</summary>
    public static string BlobPath(string blobRoot, byte[] bytes)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return Path.Combine(blobRoot, sha[..2], sha[2..4], sha);
    }

    /// <summary>Ends the held upload's database session (as a server restart would) each time it tries, until it gives up or answers.</summary>
    public async Task<T> FailEveryTryAsync<T>(Task<T> upload)
    {
        while (!upload.IsCompleted)
        {
            if (await BlockedSessionAsync() is { } pid)
            {
                await TerminateAsync(pid);
            }

            await Task.WhenAny(upload, Task.Delay(50));
        }

        return await upload;
    }

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
