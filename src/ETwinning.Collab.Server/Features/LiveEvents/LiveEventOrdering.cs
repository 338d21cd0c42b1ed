using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>Small pieces both stores share, so the providers order and count the same way.</summary>
public static class LiveEventOrdering
{
    /// <summary>Seats by registration time, then the waiting list by position.</summary>
    public static IReadOnlyList<LiveRegistration> Registrations(IEnumerable<LiveRegistration> registrations) =>
        registrations
            .OrderBy(r => r.Status == LiveRegistrationStatus.Registered ? 0 : 1)
            .ThenBy(r => r.Status == LiveRegistrationStatus.Registered ? 0 : r.WaitlistPosition)
            .ThenBy(r => r.RegisteredAt).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>The tally with one more count on each chosen option.</summary>
    public static List<int> Count(IReadOnlyList<int> tally, IEnumerable<int> choices)
    {
        var counted = tally.ToList();
        foreach (var choice in choices.Distinct())
            if (choice >= 0 && choice < counted.Count) counted[choice]++;
        return counted;
    }

    /// <summary>The list with <paramref name="id"/> in it once (or not at all).</summary>
    public static List<string> Toggle(IReadOnlyList<string> ids, string id, bool present) =>
        present ? (ids.Contains(id) ? [.. ids] : [.. ids, id]) : ids.Where(existing => existing != id).ToList();

    /// <summary>Listed for teachers of the whole platform: the public audience, not ended.</summary>
    public static bool IsOpenToPublic(LiveEvent liveEvent) =>
        liveEvent.Audience == LiveEventAudience.PublicTeachers && liveEvent.State != LiveEventState.Ended;

    /// <summary>Events by start time, then id.</summary>
    public static IReadOnlyList<LiveEvent> ByStart(IEnumerable<LiveEvent> events) =>
        events.OrderBy(e => e.StartsAt).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
}
