using System.Globalization;

namespace ETwinning.Collab.Benchmarks.Pages;

/// <summary>CPU seconds and resident memory of another process, read from /proc (Linux), with the peak
/// resident set sampled every 50 ms between <see cref="Start"/> and <see cref="StopAsync"/>.</summary>
internal sealed class ProcessMeter(int pid)
{
    private const double ClockTicksPerSecond = 100;
    private volatile bool _sampling;
    private Task? _sampler;
    private double _cpuAtStart;

    public double PeakRssMb { get; private set; }

    public double CpuSeconds()
    {
        // Fields 14 and 15 (utime, stime) after the command name, which is in parentheses and may hold spaces.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicksPerSecond;
    }

    public double RssMb()
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return Math.Round(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0, 1);
        }
        return 0;
    }

    public void Start()
    {
        _cpuAtStart = CpuSeconds();
        PeakRssMb = RssMb();
        _sampling = true;
        _sampler = Task.Run(async () =>
        {
            while (_sampling)
            {
                PeakRssMb = Math.Max(PeakRssMb, RssMb());
                await Task.Delay(50);
            }
        });
    }

    /// <summary>Stops sampling; returns the CPU seconds used since <see cref="Start"/>.</summary>
    public async Task<double> StopAsync()
    {
        _sampling = false;
        await _sampler!;
        return Math.Round(CpuSeconds() - _cpuAtStart, 2);
    }
}
