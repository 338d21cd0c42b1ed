namespace ETwinning.Collab.Crdt.Core;

/// <summary>Identifies one unit of content: the client that created it and that client's clock.</summary>
public readonly record struct YId(ulong Client, long Clock);
