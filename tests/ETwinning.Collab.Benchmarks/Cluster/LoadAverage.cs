namespace ETwinning.Collab.Benchmarks.Cluster;

/// <summary>
/// The machine's 1-minute load average (Linux): printed next to every deployment's numbers, because on a shared
/// machine the other processes' load moves them more than most changes do.
/// </summary>
internal static class LoadAverage
{
    public static string OneMinute() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
