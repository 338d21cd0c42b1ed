namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// How an account stands to a channel whose members another feature keeps (<see cref="IChatChannelAudience"/>):
/// whether it is a member, and whether the channel has closed for writing (a live event that ended keeps its chat
/// to read).
/// </summary>
public readonly record struct ChatStanding(bool IsMember, bool IsClosed);
