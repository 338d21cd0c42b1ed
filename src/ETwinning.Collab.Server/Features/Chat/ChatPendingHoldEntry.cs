namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>A held message whose review item may not be written yet, as a transfer between providers carries it.</summary>
public sealed record ChatPendingHoldEntry(string ChannelId, long Sequence);
