using System.Diagnostics;
using System.Security.Cryptography;

namespace ETwinning.Collab.Benchmarks.Commands;

/// <summary>Timing, memory and hashing helpers shared by the commands.</summary>
internal static class Measure
{
    public static double Ms(Action action)
    {
        var sw = Stopwatch.StartNew();
        action();
        return Math.Round(sw.Elapsed.TotalMilliseconds, 1);
    }

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Sha256(string text) => Sha256(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Managed heap in MB after a full collection (what stays alive).</summary>
    public static double HeapMb()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return Math.Round(GC.GetTotalMemory(forceFullCollection: true) / 1048576.0, 1);
    }

    /// <summary>The value at rank floor(p x count) of <paramref name="sorted"/> (nearest rank; 1 gives the maximum); NaN when empty.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    /// <summary>Peak resident set size of the process in MB.</summary>
    public static double PeakRssMb()
    {
        using var process = Process.GetCurrentProcess();
        return Math.Round(process.PeakWorkingSet64 / 1048576.0, 1);
    }
}
