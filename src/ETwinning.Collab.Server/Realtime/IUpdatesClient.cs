using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>Events of the bulletin and the journal (see docs/protocol.md).</summary>
public interface IUpdatesClient
{
    Task BulletinPostChanged(UpdateChangedEvent change);
    Task JournalEntryChanged(UpdateChangedEvent change);
}
