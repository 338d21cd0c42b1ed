namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// A message changed (edit, delete, hide, approval, reaction), recorded so that "since N" can replay changes a
/// client missed, not only new messages. Stamped with the newest log position at the time of the change: a
/// client holding messages up to N has seen every change made before message N was stored, and may have missed
/// those made after. Keyed by an ascending number, so recording one lands at the end of the index.
/// </summary>
internal sealed class ChatChange
{
    public long Id { get; set; }
    public string ChannelId { get; set; } = "";
    public long Sequence { get; set; }
    public long AfterPosition { get; set; }
}
