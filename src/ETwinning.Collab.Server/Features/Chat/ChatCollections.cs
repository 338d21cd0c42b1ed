namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>The collections of chat in a TwinSpace's file.</summary>
internal static class ChatCollections
{
    public const string Channels = "chat_channels";
    public const string Log = "chat_log";
    public const string LogBlocks = "chat_log_blocks";
    public const string LogState = "chat_log_state";
    public const string ReadMarkers = "chat_read_markers";
    // "chat_changes" held changes stamped with log positions before changes were numbered per channel; no longer read.
    public const string Changes = "chat_channel_changes";
    public const string PendingHolds = "chat_pending_holds";

    public static readonly string[] All = [Channels, Log, LogBlocks, LogState, ReadMarkers, Changes, PendingHolds];
}
