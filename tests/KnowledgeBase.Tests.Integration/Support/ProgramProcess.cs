using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>
/// A built program of ours (KnowledgeBase.Api, KnowledgeBase.Worker) run as a real process of its own, with
/// its settings as environment variables; its output is kept for failure messages. An Api is started on a
/// free port and <see cref="BaseAddress"/> says which.
/// </summary>
public sealed partial class ProgramProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private ProgramProcess(Process process) => this.process = process;

    public Uri? BaseAddress { get; private set; }

    public string Output => string.Join('\n', output);

    public static Task<ProgramProcess> StartApiAsync(IReadOnlyDictionary<string, string> settings) =>
        StartAsync("KnowledgeBase.Api", settings, waitForAddress: true);

    public static Task<ProgramProcess> StartWorkerAsync(IReadOnlyDictionary<string, string> settings) =>
        StartAsync("KnowledgeBase.Worker", settings, waitForAddress: false);

    private static async Task<ProgramProcess> StartAsync(string project, IReadOnlyDictionary<string, string> settings, bool waitForAddress)
    {
        var start = new ProcessStartInfo("dotnet", [RepositoryPaths.BuiltProgram(project, project + ".dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(RepositoryPaths.BuiltProgram(project, project + ".dll")),
            Environment =
            {
                ["DOTNET_ENVIRONMENT"] = "Testing",
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
                // As in KnowledgeBaseApp: the answer cache is on only where a test turns it on.
                ["Cache__Enabled"] = "false",
            },
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var started = new ProgramProcess(Process.Start(start)!);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            started.output.Enqueue(e.Data);
            if (ListeningOn().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }

        started.process.OutputDataReceived += Read;
        started.process.ErrorDataReceived += Read;
        started.process.BeginOutputReadLine();
        started.process.BeginErrorReadLine();
        if (waitForAddress)
        {
            // Generous: a cold start of a built app on a shared, loaded 2-core machine has taken over 90 s.
            var finished = await Task.WhenAny(listening.Task, started.process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(180)));
            if (finished != listening.Task)
            {
                // A failed start must not leave the process behind (a leaked one once held a lock file for 30 min).
                await started.DisposeAsync();
                Assert.Fail($"{project} did not start listening:\n{started.Output}");
            }

            started.BaseAddress = await listening.Task;
        }

        return started;
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
