using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>Events of the Chat feature (see docs/protocol.md, Chat).</summary>
public interface IChatClient
{
    Task ChatMessageReceived(ChatMessageView message);
    Task ChatMessageChanged(ChatMessageView message);
    Task ChatTyping(ChatTypingEvent typing);
    Task ChatChannelAdded(ChatChannelView channel);
}
