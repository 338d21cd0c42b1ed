namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>What a vote write did.</summary>
public enum LiveVoteOutcome
{
    /// <summary>Stored and counted.</summary>
    Counted,
    /// <summary>A retry (same client id): nothing written, the stored vote returned.</summary>
    Repeated,
    /// <summary>The account voted already with another client id: nothing written.</summary>
    AlreadyVoted,
    /// <summary>The poll was closed, or the quiz timer had run out, at the vote's time: nothing written.</summary>
    Closed,
    /// <summary>No such poll.</summary>
    PollNotFound,
}
