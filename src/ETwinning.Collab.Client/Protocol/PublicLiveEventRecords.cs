namespace ETwinning.Collab.Client.Protocol;

/// <summary>
/// An upcoming event open to validated teachers of the platform, as any of them may see it: what to decide on and where
/// to register (<see cref="TwinSpaceId"/>, <see cref="EventId"/>), nothing else of the TwinSpace that holds it.
/// <see cref="MyRegistration"/> is the caller's own seat or waiting list place (null when not registered), so a teacher
/// who is not a member knows where they stand without any other method of that TwinSpace.
/// </summary>
public sealed record PublicLiveEventView(
    string TwinSpaceId, string EventId, string Title, string TwinSpaceTitle, DateTime StartsAt, string TimeZone, int DurationMinutes,
    int Capacity, int SeatsLeft, int WaitlistCount, LiveEventState State, LiveRegistrationView? MyRegistration = null);
