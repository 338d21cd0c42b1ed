using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>The events the Pages feature emits; Realtime delivers them over the hub.</summary>
public interface IPagesNotifier
{
    /// <summary>To the TwinSpace's members (<paramref name="audience"/> null), or only to the given accounts.</summary>
    Task PageTreeChangedAsync(PageTreeEvent change, IReadOnlyList<string>? audience);
    /// <summary>To the connections that joined the page, except <paramref name="exceptConnectionId"/>.</summary>
    Task PageUpdatedAsync(PageUpdateEvent update, string? exceptConnectionId);
    /// <summary>To the connections that joined the page, except <paramref name="exceptConnectionId"/>.</summary>
    Task PageAwarenessAsync(PageAwarenessEvent awareness, string? exceptConnectionId);
}
