using System.Diagnostics;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>The real, built `kb` program, run as its own process against a test database.</summary>
public static class KbProcess
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    /// <param name="blobRoot">Where ingested files are stored; null for verbs that store none.</param>
    public static async Task<Result> RunAsync(string connectionString, string? blobRoot, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [RepositoryPaths.BuiltProgram("KnowledgeBase.Cli", "kb.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ConnectionStrings__KnowledgeBase"] = connectionString, ["Cache__Enabled"] = "false" },
        };
        if (blobRoot is not null)
        {
            start.Environment["Storage__Root"] = blobRoot;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Result(process.ExitCode, await output, await errors);
    }

    /// <summary>Runs `kb` and fails the test, with what it printed, unless it exits with 0.</summary>
    public static async Task<string> RunSuccessfullyAsync(string connectionString, string? blobRoot, params string[] args)
    {
        var result = await RunAsync(connectionString, blobRoot, args);
        Assert.True(result.ExitCode == 0, $"kb {string.Join(' ', args)} exited with {result.ExitCode}: {result.Output}\n{result.Errors}");
        return result.Output;
    }
}
