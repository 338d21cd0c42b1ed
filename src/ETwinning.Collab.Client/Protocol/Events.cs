namespace ETwinning.Collab.Client.Protocol;

/// <summary>A member came online (first connection joined) or went offline (last one left).</summary>
public sealed record PresenceEvent(string TwinSpaceId, string AccountId, string DisplayName, bool Online);

/// <summary>A member joined, changed or was removed.</summary>
public sealed record MemberChangedEvent(string TwinSpaceId, MemberChange Change, MemberView Member);

/// <summary>The receiving account lost access to a TwinSpace (removed, or the TwinSpace closed).</summary>
public sealed record AccessRevokedEvent(string TwinSpaceId, string Reason);
