using System.Runtime.InteropServices;

namespace KnowledgeBase.Cli.Bench;

/// <summary>
/// CPU time of the calling thread (Linux: <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, nanosecond resolution): what a
/// piece of code costs, unaffected by the thread being preempted on a shared machine. Null elsewhere.
/// </summary>
internal static class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    public static bool Available { get; } = OperatingSystem.IsLinux() && TryNow(out _);

    /// <summary>Milliseconds of CPU the current thread has used so far.</summary>
    public static double NowMs() => TryNow(out var ms) ? ms : 0;

    private static bool TryNow(out double ms)
    {
        ms = 0;
        try
        {
            if (ClockGetTime(ClockThreadCpuTimeId, out var time) != 0)
            {
                return false;
            }

            ms = (time.Seconds * 1000.0) + (time.Nanoseconds / 1_000_000.0);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
