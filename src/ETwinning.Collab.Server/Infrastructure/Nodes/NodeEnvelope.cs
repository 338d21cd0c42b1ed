using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace ETwinning.Collab.Server.Infrastructure.Nodes;

/// <summary>
/// The wire form of a node message: the message type's name (length-prefixed ASCII), the sender's node id
/// (length-prefixed ASCII), when it was sent (Unix milliseconds, 8 bytes little-endian, for the relay lag metric),
/// then the message as JSON. Names, not CLR types, travel, so a node only ever
/// deserializes into the types its handlers declared.
/// </summary>
internal static class NodeEnvelope
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string NameOf(Type messageType) => messageType.Name;

    private const int SentAtBytes = sizeof(long);

    public static byte[] Encode<TMessage>(string nodeId, TMessage message, long sentAtUnixMilliseconds) where TMessage : class
    {
        var name = Encoding.ASCII.GetBytes(NameOf(typeof(TMessage)));
        var node = Encoding.ASCII.GetBytes(nodeId);
        var payload = JsonSerializer.SerializeToUtf8Bytes(message, Json);
        var sentAtStart = 2 + name.Length + node.Length;
        var bytes = new byte[sentAtStart + SentAtBytes + payload.Length];
        bytes[0] = checked((byte)name.Length);
        name.CopyTo(bytes, 1);
        bytes[1 + name.Length] = checked((byte)node.Length);
        node.CopyTo(bytes, 2 + name.Length);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(sentAtStart, SentAtBytes), sentAtUnixMilliseconds);
        payload.CopyTo(bytes, sentAtStart + SentAtBytes);
        return bytes;
    }

    /// <summary>Splits an envelope; false when it is malformed (never throws on bad input).</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> envelope, out string name, out string nodeId, out long sentAtUnixMilliseconds, out ReadOnlyMemory<byte> payload)
    {
        name = nodeId = "";
        sentAtUnixMilliseconds = 0;
        payload = default;
        var span = envelope.Span;
        if (span.Length < 2 || span.Length < 1 + span[0] + 1) return false;
        int nameLength = span[0];
        int nodeLength = span[1 + nameLength];
        var sentAtStart = 2 + nameLength + nodeLength;
        if (span.Length < sentAtStart + SentAtBytes) return false;
        name = Encoding.ASCII.GetString(span.Slice(1, nameLength));
        nodeId = Encoding.ASCII.GetString(span.Slice(2 + nameLength, nodeLength));
        sentAtUnixMilliseconds = BinaryPrimitives.ReadInt64LittleEndian(span.Slice(sentAtStart, SentAtBytes));
        payload = envelope[(sentAtStart + SentAtBytes)..];
        return true;
    }

    public static object? Deserialize(ReadOnlyMemory<byte> payload, Type messageType) =>
        JsonSerializer.Deserialize(payload.Span, messageType, Json);
}
