using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt.Protocol;

/// <summary>
/// The y-protocols sync messages: a varUint message type followed by a length-prefixed payload.
/// (Transports such as y-websocket put their own message-kind prefix in front; that is not part of this.)
/// </summary>
public static class SyncProtocol
{
    /// <summary>SyncStep1 carrying <paramref name="stateVector"/>.</summary>
    public static byte[] EncodeSyncStep1(ReadOnlySpan<byte> stateVector) => Encode(SyncMessageType.SyncStep1, stateVector);

    /// <summary>SyncStep1 carrying the document's state vector.</summary>
    public static byte[] EncodeSyncStep1(YDoc doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        return EncodeSyncStep1(doc.EncodeStateVector());
    }

    /// <summary>SyncStep2 carrying <paramref name="update"/>.</summary>
    public static byte[] EncodeSyncStep2(ReadOnlySpan<byte> update) => Encode(SyncMessageType.SyncStep2, update);

    /// <summary>SyncStep2 with what a replica at <paramref name="remoteStateVector"/> is missing.</summary>
    public static byte[] EncodeSyncStep2(YDoc doc, ReadOnlySpan<byte> remoteStateVector)
    {
        ArgumentNullException.ThrowIfNull(doc);
        return EncodeSyncStep2(doc.EncodeStateAsUpdate(remoteStateVector));
    }

    /// <summary>An Update message.</summary>
    public static byte[] EncodeUpdate(ReadOnlySpan<byte> update) => Encode(SyncMessageType.Update, update);

    private static byte[] Encode(SyncMessageType type, ReadOnlySpan<byte> payload)
    {
        var writer = new Lib0Writer(payload.Length + 8);
        Write(writer, type, payload);
        return writer.ToArray();
    }

    /// <summary>Writes a message into an existing writer (e.g. after a transport prefix).</summary>
    public static void Write(Lib0Writer writer, SyncMessageType type, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteVarUint((ulong)type);
        writer.WriteVarUint8Array(payload);
    }

    /// <summary>Decodes a whole message; throws <see cref="CrdtFormatException"/> if malformed.</summary>
    public static SyncMessage Decode(ReadOnlySpan<byte> message)
    {
        var reader = new Lib0Reader(message);
        return Read(ref reader);
    }

    /// <summary>Reads one message from a reader positioned at its type.</summary>
    public static SyncMessage Read(ref Lib0Reader reader)
    {
        ulong type = reader.ReadVarUint();
        if (type > (ulong)SyncMessageType.Update) throw new CrdtFormatException($"Unknown sync message type {type}.");
        return new SyncMessage((SyncMessageType)type, reader.ReadVarUint8Array());
    }

    /// <summary>
    /// Handles an incoming message like y-protocols' readSyncMessage: answers SyncStep1 with the
    /// SyncStep2 to send back, applies SyncStep2 and Update (returning null). Validates before applying.
    /// </summary>
    public static byte[]? Handle(YDoc doc, ReadOnlySpan<byte> message, object? origin = null)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var decoded = Decode(message);
        switch (decoded.Type)
        {
            case SyncMessageType.SyncStep1:
                // Validate the state vector first so a malformed one is reported as such.
                _ = Core.UpdateWriter.ReadStateVector(decoded.Payload);
                return EncodeSyncStep2(doc, decoded.Payload);
            default:
                doc.ApplyUpdate(decoded.Payload, origin);
                return null;
        }
    }
}
