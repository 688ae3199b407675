using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>
/// A real Prometheus (Debian's package) on a free port under a temp directory, running the repo's own
/// infra/prometheus/prometheus.yml and rules with only the target, the token file and the intervals swapped.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";

    private readonly Process process;
    private readonly string directory;
    private readonly HttpClient http;

    private PrometheusServer(Process process, string directory, Uri address)
    {
        this.process = process;
        this.directory = directory;
        http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public static string ConfigPath => Path.Combine(RepositoryPaths.Root, "infra", "prometheus", "prometheus.yml");

    public static string RulesDirectory => Path.Combine(RepositoryPaths.Root, "infra", "prometheus", "rules");

    /// <summary>The repo's config, pointed at <paramref name="target"/> (host:port) and scraping every second.</summary>
    public static string Template(string config, string target, string tokenFile)
    {
        var replacements = new (string From, string To)[]
        {
            ("scrape_interval: 15s", "scrape_interval: 1s"),
            ("evaluation_interval: 15s", "evaluation_interval: 1s"),
            ("/etc/prometheus/rules/*.yml", Path.Combine(RulesDirectory, "*.yml")),
            ("/tmp/secrets/metrics-token", tokenFile),
            ("\"api:8080\"", $"\"{target}\""),
        };
        foreach (var (from, to) in replacements)
        {
            Assert.True(config.Contains(from, StringComparison.Ordinal), $"infra/prometheus/prometheus.yml no longer contains {from}; update the test's template.");
            config = config.Replace(from, to, StringComparison.Ordinal);
        }

        return config;
    }

    public static async Task<PrometheusServer> StartAsync(Uri app, string scrapeToken)
    {
        var directory = Directory.CreateTempSubdirectory("kb-prometheus-").FullName;
        var tokenFile = Path.Combine(directory, "metrics-token");
        await File.WriteAllTextAsync(tokenFile, scrapeToken);
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, Template(await File.ReadAllTextAsync(ConfigPath), $"{app.Host}:{app.Port}", tokenFile));

        var port = FreePort();
        var start = new ProcessStartInfo(Binary,
        [
            $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}",
            $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
        ])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            await server.WaitUntilAsync(async () => (await server.http.GetAsync("/-/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "Prometheus did not become ready");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Evaluates an instant query; the error Prometheus reports, or the series it returned.</summary>
    public async Task<(string? Error, int Series)> QueryAsync(string promQl)
    {
        using var response = await http.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(promQl));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.GetProperty("status").GetString() != "success")
        {
            return (body.TryGetProperty("error", out var error) ? error.GetString() : response.StatusCode.ToString(), 0);
        }

        var data = body.GetProperty("data");
        var result = data.GetProperty("result");
        return (null, data.GetProperty("resultType").GetString() is "vector" or "matrix" ? result.GetArrayLength() : 1);
    }

    /// <summary>Every rule Prometheus loaded: name, query, health and last error.</summary>
    public async Task<List<(string Name, string Query, string Health, string? Error)>> RulesAsync()
    {
        var body = await http.GetFromJsonAsync<JsonElement>("/api/v1/rules");
        return body.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray())
            .Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("query").GetString()!, r.GetProperty("health").GetString()!,
                r.TryGetProperty("lastError", out var e) ? e.GetString() : null))
            .ToList();
    }

    /// <summary>Health of each scrape target ("up", "down", "unknown") with its last error.</summary>
    public async Task<List<(string Job, string Health, string Error)>> TargetsAsync()
    {
        var body = await http.GetFromJsonAsync<JsonElement>("/api/v1/targets");
        return body.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
            .Select(t => (t.GetProperty("labels").GetProperty("job").GetString()!, t.GetProperty("health").GetString()!, t.GetProperty("lastError").GetString() ?? string.Empty))
            .ToList();
    }

    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.False(process.HasExited, $"Prometheus exited with code {(process.HasExited ? process.ExitCode : 0)}");
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(250);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
