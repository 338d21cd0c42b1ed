using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Updates;

/// <summary>The events of the bulletin and the journal (Realtime implements it over the hub).</summary>
public interface IUpdatesNotifier
{
    /// <summary><c>BulletinPostChanged</c> to these accounts only (the bulletin's readers).</summary>
    Task BulletinChangedAsync(UpdateChangedEvent change, IReadOnlyList<string> readerIds);

    /// <summary><c>JournalEntryChanged</c> to every member of the TwinSpace.</summary>
    Task JournalChangedAsync(UpdateChangedEvent change);
}
