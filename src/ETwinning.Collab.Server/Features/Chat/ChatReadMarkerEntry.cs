namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>How far a member has read a channel, as a transfer between providers carries it.</summary>
public sealed record ChatReadMarkerEntry(string AccountId, string ChannelId, long Sequence);
