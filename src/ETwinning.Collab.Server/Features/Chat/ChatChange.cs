namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// A message changed (edit, delete, hide, approval, reaction), recorded under the channel's change number so that
/// "since N" can replay the changes a client missed, not only new messages: those numbered above message N's
/// <see cref="ChatMessage.StoredAfterChange"/>. Keyed <c>channelId|number</c>, so one channel's changes since a
/// number are one key range, and the channel's newest change number is the last key of its range.
/// </summary>
internal sealed class ChatChange
{
    public string Id { get; set; } = "";
    public long Sequence { get; set; }

    public static string KeyOf(string channelId, long number) => $"{channelId}|{number:D19}";

    /// <summary>Above every key of the channel (the character after '|').</summary>
    public static string EndOf(string channelId) => channelId + "}";

    public static long NumberOf(string key) => long.Parse(key.AsSpan(key.LastIndexOf('|') + 1), System.Globalization.CultureInfo.InvariantCulture);
}
