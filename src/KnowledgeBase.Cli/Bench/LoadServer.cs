using System.Globalization;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KnowledgeBase.Cli.Bench;

/// <summary>
/// The server `kb bench load` starts itself: its own database (the configured one's name + <c>_bench_load</c>,
/// created, migrated and loaded with the sample documents once), an API key with no effective rate limit, the
/// scripted OpenAI-compatible server in LLM mode, and the Api as a child process.
/// </summary>
internal sealed class LoadServer : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> owned = [];

    public required ApiProcess Api { get; init; }

    public required string ApiKey { get; init; }

    public static async Task<LoadServer> StartAsync(LoadServerOptions options, CancellationToken cancellationToken)
    {
        var connectionString = await PrepareDatabaseAsync(options.BlobRoot, cancellationToken);
        var owned = new List<IAsyncDisposable>();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:KnowledgeBase"] = connectionString,
            ["Storage:Root"] = options.BlobRoot,
            ["Workers:Enabled"] = "false",
            // The load, not the per-key limit, is what is measured.
            ["RateLimits:ApiKeyAskBurst"] = "100000",
            ["RateLimits:ApiKeyAskPerMinute"] = "100000",
            // Answering under load is what is measured: repeated questions must not become answer-cache hits.
            ["Cache:Enabled"] = "false",
        };
        if (options.Llm is { } script)
        {
            var chat = await ChatServerProcess.StartAsync(script.FirstTokenMs, script.IntervalMs, script.Tokens, cancellationToken);
            owned.Add(chat);
            settings["Llm:Providers:0:Model"] = "gpt-4o-mini";
            settings["Llm:Providers:0:Endpoint"] = chat.BaseAddress.ToString();
            settings["Llm:Providers:0:ApiKey"] = "bench";
            settings["Llm:Resilience:MaxConcurrency"] = "10000";
        }

        var key = await CreateKeyAsync(connectionString, cancellationToken);
        var api = await ApiProcess.StartAsync(options.ApiDll, settings, cancellationToken);
        var server = new LoadServer { Api = api, ApiKey = key };
        server.owned.AddRange(owned);
        return server;
    }

    /// <summary>The bench database, created and filled with the sample documents on first use.</summary>
    private static async Task<string> PrepareDatabaseAsync(string blobRoot, CancellationToken cancellationToken)
    {
        var configured = new ConfigurationBuilder().AddEnvironmentVariables().Build().GetConnectionString(DatabaseOptions.ConnectionStringName)
            ?? DatabaseOptions.DefaultConnectionString;
        var builder = new NpgsqlConnectionStringBuilder(configured);
        var name = builder.Database + "_bench_load";
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(configured) { Database = "postgres" }.ConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
            exists.Parameters.AddWithValue("name", name);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                // The name is ours (the configured database's + a suffix), quoted as an identifier.
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", admin);
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        builder.Database = name;
        var connectionString = builder.ConnectionString;
        await using var services = CliHost.Build(new Dictionary<string, string?> { ["ConnectionStrings:KnowledgeBase"] = connectionString, ["Storage:Root"] = blobRoot });
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (!await db.Documents.AnyAsync(cancellationToken))
        {
            var jobs = new List<long>();
            foreach (var file in Directory.EnumerateFiles(SampleDocs()).Where(f => !f.EndsWith("README.md", StringComparison.Ordinal)).Order())
            {
                await using var stream = File.OpenRead(file);
                var upload = await scope.ServiceProvider.GetRequiredService<DocumentService>().UploadAsync(
                    new UploadRequest(Path.GetFileName(file), stream, "default", []), cancellationToken);
                jobs.AddRange(upload.JobId is { } id ? [id] : []);
            }

            await Commands.IngestCommand.RunWorkersUntilDoneAsync(services, jobs, cancellationToken);
        }

        return connectionString;
    }

    private static async Task<string> CreateKeyAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var services = CliHost.Build(new Dictionary<string, string?> { ["ConnectionStrings:KnowledgeBase"] = connectionString });
        await using var scope = services.CreateAsyncScope();
        var (_, secret) = await scope.ServiceProvider.GetRequiredService<ApiKeyStore>().CreateAsync(
            "kb bench load " + DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture), [ApiKeyScopes.Ask], [], null, cancellationToken);
        return secret;
    }

    private static string SampleDocs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "infra", "dev", "sample-docs");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("infra/dev/sample-docs was not found above this program.");
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        foreach (var disposable in owned)
        {
            await disposable.DisposeAsync();
        }
    }
}

/// <param name="Llm">The scripted model's schedule; null for extractive answers.</param>
internal sealed record LoadServerOptions(string? ApiDll, string BlobRoot, ScriptedModel? Llm);

internal sealed record ScriptedModel(int FirstTokenMs, int IntervalMs, int Tokens);
