namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>Node message: an update another node made durable, to keep this node's copy of the page current.</summary>
public sealed record PageUpdateRelayed(string TwinSpaceId, string PageId, long Sequence, byte[] Update);

/// <summary>Node message: awareness (cursors) another node received, so joins here see them too.</summary>
public sealed record PageAwarenessRelayed(string TwinSpaceId, string PageId, byte[] Awareness);
