namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>What a registration write did.</summary>
public enum LiveRegistrationOutcome
{
    /// <summary>Took a free seat.</summary>
    Registered,
    /// <summary>No seat was free: joined the end of the waiting list.</summary>
    Waitlisted,
    /// <summary>Already registered or waitlisted: nothing written, the stored registration returned.</summary>
    AlreadyRegistered,
    /// <summary>No such event (or it ended).</summary>
    EventNotFound,
}
