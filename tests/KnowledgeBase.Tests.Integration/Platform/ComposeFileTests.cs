using System.Diagnostics;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Platform;

public sealed class ComposeFileTests
{
    private static readonly Dictionary<string, string?> Passwords = new() { ["KB_ADMIN_PASSWORD"] = "an-admin-password", ["KB_DB_PASSWORD"] = "a-db-password" };

    /// <summary>Every combination of the optional profiles (observability: Prometheus, Grafana, collector; langfuse: self-hosted Langfuse).</summary>
    [Theory]
    [InlineData("")]
    [InlineData("observability")]
    [InlineData("langfuse")]
    [InlineData("observability,langfuse")]
    public async Task The_compose_file_is_valid(string profiles)
    {
        var (exitCode, _, errors) = await ComposeConfigAsync(Passwords, profiles);

        Assert.True(exitCode == 0, errors);
    }

    [Theory]
    [InlineData("KB_ADMIN_PASSWORD")]
    [InlineData("KB_DB_PASSWORD")]
    public async Task Without_a_password_the_stack_does_not_start(string missing)
    {
        var (exitCode, _, errors) = await ComposeConfigAsync(Passwords.Where(p => p.Key != missing).ToDictionary(p => p.Key, p => p.Value));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(missing, errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_listens_on_loopback_with_secure_cookies_by_default()
    {
        var (_, config, _) = await ComposeConfigAsync(Passwords);

        Assert.Matches(@"(host_ip: 127\.0\.0\.1|- 127\.0\.0\.1:5080:8080)", config);
        Assert.Contains("Identity__SecureCookies: Always", config, StringComparison.Ordinal);
        Assert.DoesNotContain("change-me-now", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_image_runs_as_a_non_root_user_with_a_health_check()
    {
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "src", "KnowledgeBase.Api", "Dockerfile"));

        Assert.Matches(@"(?m)^USER (?!root)\S+", dockerfile);
        Assert.Contains("HEALTHCHECK", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_observability_ports_listen_on_loopback_only()
    {
        var (_, config, _) = await ComposeConfigAsync(Passwords, "observability,langfuse");

        foreach (var port in new[] { "9090", "3001", "3000" })
        {
            Assert.Matches($@"(host_ip: 127\.0\.0\.1\s+target: \d+\s+published: ""{port}""|- 127\.0\.0\.1:{port}:)", config);
        }
    }

    private static async Task<(int ExitCode, string Output, string Errors)> ComposeConfigAsync(Dictionary<string, string?> environment, string profiles = "")
    {
        var flags = profiles.Split(',', StringSplitOptions.RemoveEmptyEntries).SelectMany(p => new[] { "--profile", p });
        var start = new ProcessStartInfo("docker-compose", ["-f", "docker-compose.yml", .. flags, "config"])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var name in new[] { "KB_ADMIN_PASSWORD", "KB_DB_PASSWORD", "KB_BIND", "KB_SECURE_COOKIES" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, errors);
    }
}
