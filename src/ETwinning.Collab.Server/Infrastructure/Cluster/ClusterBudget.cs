namespace ETwinning.Collab.Server.Infrastructure.Cluster;

/// <summary>
/// A token bucket shared by every node: <paramref name="Burst"/> permits at once, one more every
/// <paramref name="PermitIntervalMilliseconds"/>. <paramref name="Name"/> keeps budgets of different limits apart.
/// </summary>
public sealed record ClusterBudget(string Name, int Burst, double PermitIntervalMilliseconds)
{
    /// <summary>A bucket of <paramref name="burst"/> that refills <paramref name="permits"/> per <paramref name="period"/>.</summary>
    public static ClusterBudget Of(string name, int burst, int permits, TimeSpan period) =>
        new(name, burst, period.TotalMilliseconds / Math.Max(1, permits));
}
