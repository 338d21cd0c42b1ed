namespace ETwinning.Collab.Crdt.Protocol;

/// <summary>A decoded y-protocols sync message: its kind and payload (a state vector for step 1,
/// an update otherwise).</summary>
public sealed record SyncMessage(SyncMessageType Type, byte[] Payload);
