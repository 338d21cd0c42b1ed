using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Updates;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>
/// Delivers bulletin and journal events. The bulletin goes to its readers' accounts (not the TwinSpace group, which
/// pupils are in); the web client drops events of TwinSpaces it does not show.
/// </summary>
internal sealed class HubUpdatesNotifier(IHubContext<TwinSpaceHub, ITwinSpaceClient> hub) : IUpdatesNotifier
{
    public Task BulletinChangedAsync(UpdateChangedEvent change, IReadOnlyList<string> readerIds) =>
        readerIds.Count == 0 ? Task.CompletedTask : hub.Clients.Users(readerIds).BulletinPostChanged(change);

    public Task JournalChangedAsync(UpdateChangedEvent change) =>
        hub.Clients.Group(GroupNames.TwinSpace(change.TwinSpaceId)).JournalEntryChanged(change);
}
