using System.Globalization;

namespace KnowledgeBase.Cli.Bench;

/// <summary>
/// Reads the server's own GC pause total (the runtime's <c>dotnet.gc.pause.time</c>) from its Prometheus endpoint,
/// which answers loopback callers; null when the server exposes none.
/// </summary>
internal static class ServerMetrics
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public static async Task<double?> GcPauseSecondsAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(baseAddress, "/metrics"), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var line = (await response.Content.ReadAsStringAsync(cancellationToken)).Split('\n')
                .FirstOrDefault(l => l.StartsWith("dotnet_gc_pause_time_seconds_total", StringComparison.Ordinal) && !l.StartsWith('#'));
            return line is null ? null : double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or FormatException)
        {
            return null;
        }
    }
}
