namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>The limits the session machine checks breakouts against (from <see cref="RoomsOptions"/>).</summary>
public sealed record BreakoutLimits(int MaxGroups, int MaxNameLength, int MaxMinutes, int MessageIntervalSeconds)
{
    public static BreakoutLimits Of(RoomsOptions options) =>
        new(options.MaxBreakoutGroups, options.MaxTitleLength, options.MaxTimerMinutes, options.BreakoutMessageIntervalSeconds);
}
