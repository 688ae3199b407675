using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>
/// A PostgreSQL 15 cluster of a test's own (as infra/dev/db.sh makes one, with the pgvector it installed),
/// in a temp folder on a free port, so a test can stop and restart the database under a running app. Never the
/// shared dev cluster. Runs the server as <c>postgres</c> when the tests run as root (PostgreSQL refuses root).
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string root;

    private PostgresCluster(string root, int port)
    {
        this.root = root;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Connects as the cluster's superuser <c>kb</c> (trust authentication, 127.0.0.1 only).</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Database=postgres;Username=kb;Timeout=5";

    private string DataDirectory => Path.Combine(root, "data");

    public static async Task<PostgresCluster> StartAsync()
    {
        var root = Directory.CreateTempSubdirectory("kb-chaos-pg-").FullName;
        var cluster = new PostgresCluster(root, FreePort());
        if (IsRoot)
        {
            await RunAsync("chown", "postgres", root);
        }

        await cluster.RunPgAsync(Path.Combine(Bin, "initdb"), "-D", cluster.DataDirectory, "-U", "kb", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await File.AppendAllTextAsync(Path.Combine(cluster.DataDirectory, "postgresql.conf"), $"""

            listen_addresses = '127.0.0.1'
            port = {cluster.Port}
            unix_socket_directories = ''
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            shared_buffers = 64MB
            max_connections = 100

            """);
        await cluster.StartAgainAsync();
        return cluster;
    }

    /// <summary>
    /// Starts the stopped server and waits until it accepts connections. The test's own pooled connections (not the
    /// app's: it has its own data source) died with the server and are dropped.
    /// </summary>
    public async Task StartAgainAsync()
    {
        await RunPgAsync(Path.Combine(Bin, "pg_ctl"), "-D", DataDirectory, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start");
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A fast shutdown: open connections are terminated (57P01), new ones refused.</summary>
    public Task StopAsync() => RunPgAsync(Path.Combine(Bin, "pg_ctl"), "-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop");

    /// <summary>A migrated database on this cluster, as <see cref="TestDatabase"/> makes on the shared one.</summary>
    public Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(adminConnectionString: AdminConnectionString);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunPgAsync(Path.Combine(Bin, "pg_ctl"), "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(root, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task RunPgAsync(string program, params string[] args) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunAsync(program, args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {await output}\n{await errors}");
        }
    }
}
