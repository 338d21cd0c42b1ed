namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>Node message: votes were counted in this poll; send its tally to your connections (coalesced).</summary>
public sealed record LiveTallyChanged(string TwinSpaceId, string EventId, string PollId);
