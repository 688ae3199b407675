using System.Diagnostics;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Platform;

public sealed class ComposeFileTests
{
    /// <summary>Every combination of the optional profiles (observability: Prometheus, Grafana, collector; langfuse: self-hosted Langfuse).</summary>
    [Theory]
    [InlineData("")]
    [InlineData("observability")]
    [InlineData("langfuse")]
    [InlineData("observability,langfuse")]
    public async Task The_compose_file_is_valid(string profiles)
    {
        var flags = profiles.Split(',', StringSplitOptions.RemoveEmptyEntries).SelectMany(p => new[] { "--profile", p });
        var start = new ProcessStartInfo("docker-compose", ["-f", "docker-compose.yml", .. flags, "config", "-q"])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, errors);
    }

    [Fact]
    public async Task The_api_image_runs_as_a_non_root_user_with_a_health_check()
    {
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "src", "KnowledgeBase.Api", "Dockerfile"));

        Assert.Matches(@"(?m)^USER (?!root)\S+", dockerfile);
        Assert.Contains("HEALTHCHECK", dockerfile, StringComparison.Ordinal);
    }
}
