using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// The live events of chat. Delivery is best effort (the message is already durable when these are called);
/// clients that miss one recover it by sequence.
/// </summary>
public interface IChatNotifier
{
    /// <summary>A new message, to the channel's members (redacted as members see it).</summary>
    Task MessageAddedAsync(ChatMessageView message);
    /// <summary>A message was edited, deleted, hidden, approved or reacted to.</summary>
    Task MessageChangedAsync(ChatMessageView message);
    Task TypingAsync(ChatTypingEvent typing);
    /// <summary>A channel was created; tells the accounts that can see it.</summary>
    Task ChannelAddedAsync(ChatChannelView channel, IReadOnlyList<string> accountIds);
}
