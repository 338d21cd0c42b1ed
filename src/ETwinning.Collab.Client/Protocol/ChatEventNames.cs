namespace ETwinning.Collab.Client.Protocol;

/// <summary>Names of the chat events the server sends.</summary>
public static class ChatEventNames
{
    /// <summary>Event: <see cref="ChatMessageView"/>, a new message in an opened channel.</summary>
    public const string ChatMessageReceived = nameof(ChatMessageReceived);

    /// <summary>Event: <see cref="ChatMessageView"/>, a message was edited, deleted, hidden, approved or reacted to.</summary>
    public const string ChatMessageChanged = nameof(ChatMessageChanged);

    /// <summary>Event: <see cref="ChatTypingEvent"/>.</summary>
    public const string ChatTyping = nameof(ChatTyping);

    /// <summary>Event: <see cref="ChatChannelView"/>, a channel the receiver can see was created.</summary>
    public const string ChatChannelAdded = nameof(ChatChannelAdded);
}
