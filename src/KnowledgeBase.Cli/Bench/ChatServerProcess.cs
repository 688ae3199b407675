using System.Diagnostics;
using System.Reflection;

namespace KnowledgeBase.Cli.Bench;

/// <summary>
/// Bench-only: `kb bench chat-server` started as a child process of this same executable. It still
/// shares the machine's cores, but its CPU time, thread pool and GC are its own, and its timings are
/// taken in its own process.
/// </summary>
internal sealed class ChatServerProcess : IAsyncDisposable
{
    private readonly Process process;

    private ChatServerProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<ChatServerProcess> StartAsync(int firstTokenMs, int intervalMs, int tokens, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // A profiler attached to the bench (dotnet-trace) must not also suspend the server at start-up.
        start.Environment.Remove("DOTNET_DiagnosticPorts");

        // Run as `dotnet kb.dll`: the child needs the assembly path first; as the kb app host, it does not.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var arg in new[] { "bench", "chat-server", "--first-token-ms", $"{firstTokenMs}", "--token-interval-ms", $"{intervalMs}", "--tokens", $"{tokens}" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start `kb bench chat-server`.");
        var line = await process.StandardOutput.ReadLineAsync(cancellationToken)
            ?? throw new InvalidOperationException("`kb bench chat-server` exited before listening.");
        return new ChatServerProcess(process, new Uri(line));
    }

    public async ValueTask DisposeAsync()
    {
        // Closing its stdin is its signal to stop; a server that does not is killed.
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }
}
