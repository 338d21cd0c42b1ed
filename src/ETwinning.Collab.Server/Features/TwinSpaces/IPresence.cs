namespace ETwinning.Collab.Server.Features.TwinSpaces;

/// <summary>Who is online in a TwinSpace right now, on any node; Realtime knows, services ask.</summary>
public interface IPresence
{
    /// <summary>The accounts with at least one connection in the TwinSpace, on this node or another live one.</summary>
    ValueTask<IReadOnlySet<string>> OnlineAsync(string twinSpaceId, CancellationToken cancellationToken = default);
}
