namespace ETwinning.Collab.Client.Protocol;

/// <summary>The hub event names of the bulletin and the journal, one place for server and clients.</summary>
public static class UpdateEventNames
{
    /// <summary>Event: <see cref="UpdateChangedEvent"/> of the Teacher bulletin, to its readers.</summary>
    public const string BulletinPostChanged = nameof(BulletinPostChanged);
    /// <summary>Event: <see cref="UpdateChangedEvent"/> of the Project journal, to every member.</summary>
    public const string JournalEntryChanged = nameof(JournalEntryChanged);
}
