namespace ETwinning.Collab.Crdt.Protocol;

/// <summary>The y-protocols sync message kinds (their tag on the wire).</summary>
public enum SyncMessageType
{
    /// <summary>"Here is my state vector; send me what I miss."</summary>
    SyncStep1 = 0,

    /// <summary>The reply to step 1: an update with everything the other side misses.</summary>
    SyncStep2 = 1,

    /// <summary>An incremental update.</summary>
    Update = 2,
}
