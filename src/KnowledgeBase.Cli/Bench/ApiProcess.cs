using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Cli.Bench;

/// <summary>
/// Bench-only: the built KnowledgeBase.Api run as a child process on a free loopback port, configured by
/// environment variables, so `kb bench load` measures a real server whose CPU time and memory are its own.
/// </summary>
internal sealed partial class ApiProcess : IAsyncDisposable
{
    private readonly Process process;

    private ApiProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>User + system CPU time of the server so far (Linux /proc).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100 Hz on Linux).
            var stat = File.ReadAllText($"/proc/{process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromMilliseconds(ticks * 10);
        }
    }

    /// <summary>The server's resident memory now, in MB.</summary>
    public double ResidentMegabytes
    {
        get
        {
            process.Refresh();
            return Math.Round(process.WorkingSet64 / 1024.0 / 1024.0, 1);
        }
    }

    /// <summary>Starts the Api built next to this repository (or <paramref name="apiDll"/>) and waits until it listens.</summary>
    public static async Task<ApiProcess> StartAsync(string? apiDll, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var dll = apiDll ?? FindApi();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            },
        };
        start.Environment.Remove("DOTNET_DiagnosticPorts");
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new List<string>();
        void Read(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.Add(e.Data);
            }

            if (ListeningOn().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }

        process.OutputDataReceived += Read;
        process.ErrorDataReceived += Read;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        var exited = process.WaitForExitAsync(timeout.Token);
        if (await Task.WhenAny(listening.Task, exited) != listening.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The Api did not start:\n{string.Join('\n', output)}");
        }

        return new ApiProcess(process, await listening.Task);
    }

    /// <summary>src/KnowledgeBase.Api/bin/&lt;configuration&gt;/net10.0/KnowledgeBase.Api.dll above this program.</summary>
    private static string FindApi()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "KnowledgeBase.Api", "bin", configuration, "net10.0", "KnowledgeBase.Api.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"KnowledgeBase.Api.dll was not found; build it (dotnet build src/KnowledgeBase.Api -c {configuration}) or pass --api-dll.");
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
