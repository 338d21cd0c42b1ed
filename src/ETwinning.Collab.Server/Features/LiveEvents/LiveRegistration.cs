using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// One account's registration for one event (one record per pair, kept after cancelling). <see cref="School"/> and
/// <see cref="Country"/> are what quiz leaderboards group by: a pupil counts for the class of the teacher who created them.
/// </summary>
public sealed record LiveRegistration
{
    /// <summary><c>eventId:accountId</c>.</summary>
    public required string Id { get; init; }
    public required string EventId { get; init; }
    public required string AccountId { get; init; }
    public required string DisplayName { get; init; }
    public string School { get; init; } = "";
    public string Country { get; init; } = "";
    public LiveRegistrationStatus Status { get; init; }
    /// <summary>Arrival order on the waiting list (set while waitlisted).</summary>
    public long WaitlistPosition { get; init; }
    public DateTime RegisteredAt { get; init; }

    public static string KeyOf(string eventId, string accountId) => $"{eventId}:{accountId}";
}
