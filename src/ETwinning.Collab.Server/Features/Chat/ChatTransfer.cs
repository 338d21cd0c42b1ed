namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// How chat records are named in a transfer between providers (<see cref="Infrastructure.Storage.IStoreTransfer"/>).
/// A message travels without its log position (<see cref="ChatMessage.Position"/> is 0), which only the embedded store
/// has; a channel's counters are what its messages say: the highest sequence, and the highest change number
/// (<see cref="ChatMessage.LastChange"/>), after which the target's next message and next change continue.
/// </summary>
public static class ChatTransfer
{
    public const string Feature = "chat";
    public const string Channel = "chat_channel";
    public const string Message = "chat_message";
    public const string PendingHold = "chat_pending_hold";
    public const string ReadMarker = "chat_read_marker";
}
