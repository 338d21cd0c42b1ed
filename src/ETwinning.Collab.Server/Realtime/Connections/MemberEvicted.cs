namespace ETwinning.Collab.Server.Realtime.Connections;

/// <summary>Node message: take this account (everyone when null) out of the TwinSpace on your node too.</summary>
public sealed record MemberEvicted(string TwinSpaceId, string? AccountId);
