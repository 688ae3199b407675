using KnowledgeBase.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>
/// A fresh, migrated database on the real PostgreSQL + pgvector server (infra/dev/db.sh), dropped
/// afterwards. KB_TEST_ADMIN_CONNECTION points at another server.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly string AdminConnectionString =
        Environment.GetEnvironmentVariable("KB_TEST_ADMIN_CONNECTION")
        ?? "Host=127.0.0.1;Port=54329;Database=postgres;Username=kb;Password=kb";

    private readonly string adminConnectionString;

    private TestDatabase(string name, string adminConnectionString)
    {
        Name = name;
        this.adminConnectionString = adminConnectionString;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <param name="migrate">False leaves it empty, as a database before `kb migrate`.</param>
    /// <param name="adminConnectionString">Another server than the shared one (a test's own cluster).</param>
    public static async Task<TestDatabase> CreateAsync(bool migrate = true, string? adminConnectionString = null)
    {
        var database = new TestDatabase($"kb_test_{Guid.NewGuid():N}"[..24], adminConnectionString ?? AdminConnectionString);
        await using (var admin = new NpgsqlConnection(database.adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        if (!migrate)
        {
            return database;
        }

        await using var db = database.Context();
        await db.Database.MigrateAsync();
        return database;
    }

    /// <summary>A context on this database, mapped as the app maps it.</summary>
    public KnowledgeBaseDbContext Context() =>
        new(new DbContextOptionsBuilder<KnowledgeBaseDbContext>()
            .UseNpgsql(ConnectionString, o => o.UseVector())
            .UseSnakeCaseNamingConvention()
            .Options);

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default! : (T)value;
    }

    /// <summary>Stores a model's answer with the usage it reported, as ConversationService would (for budgets and reports).</summary>
    /// <param name="createdAt">An SQL timestamp expression, e.g. <c>now()</c> or <c>now() - interval '1 day'</c>.</param>
    public async Task SeedAnswerAsync(string userId, string userName, string createdAt, int inputTokens, int outputTokens)
    {
        var conversation = Guid.NewGuid();
        await ScalarAsync<int>($"""
            INSERT INTO conversations (id, user_id, user_name, title, created_at, updated_at)
            VALUES ('{conversation}', '{userId}', '{userName}', 'Seeded', {createdAt}, {createdAt});
            INSERT INTO messages (id, conversation_id, user_id, role, text, citations, cited_numbers, model, mode, fallback_used,
                                  input_tokens, output_tokens, cost, latency_ms, status, created_at)
            VALUES ('{Guid.NewGuid()}', '{conversation}', '{userId}', 'assistant', 'Seeded answer', '[]', ARRAY[]::integer[], 'gpt-test', 'llm', false,
                    {inputTokens}, {outputTokens}, 0.001, 900, 'completed', {createdAt});
            SELECT 1
            """);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
