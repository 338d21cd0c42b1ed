namespace ETwinning.Collab.Client.Protocol;

/// <summary>A page of the tree was created, changed, moved, deleted or restored.</summary>
public sealed record PageTreeEvent(string TwinSpaceId, PageChange Change, PageView Page);

/// <summary>A durable Yjs update (encoding v1) of a page body, with its sequence number in the page's stream.</summary>
public sealed record PageUpdateEvent(string TwinSpaceId, string PageId, long Sequence, byte[] Update);

/// <summary>A y-protocols awareness update (cursors, names) of a page.</summary>
public sealed record PageAwarenessEvent(string TwinSpaceId, string PageId, byte[] Update);
