using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt.Protocol;

/// <summary>The y-protocols awareness update format: a count, then per client its id, clock and
/// state as JSON text.</summary>
public static class AwarenessUpdate
{
    /// <summary>Encodes the given entries.</summary>
    public static byte[] Encode(IReadOnlyCollection<AwarenessClientState> clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        var writer = new Lib0Writer();
        writer.WriteVarUint((ulong)clients.Count);
        foreach (var client in clients)
        {
            writer.WriteVarUint(client.ClientId);
            writer.WriteVarUint(client.Clock);
            writer.WriteVarString(client.StateJson);
        }
        return writer.ToArray();
    }

    /// <summary>Encodes one client with a JSON-like state value (null to announce it left).</summary>
    public static byte[] Encode(ulong clientId, ulong clock, object? state) =>
        Encode([new AwarenessClientState(clientId, clock, JsJson.Stringify(JsValues.Normalize(state)))]);

    /// <summary>Decodes an update; throws <see cref="CrdtFormatException"/> if malformed (including
    /// states that are not valid JSON).</summary>
    public static IReadOnlyList<AwarenessClientState> Decode(ReadOnlySpan<byte> update)
    {
        var reader = new Lib0Reader(update);
        int count = reader.ReadVarUintAsInt("Awareness client count");
        var clients = new List<AwarenessClientState>(Math.Min(count, reader.Remaining / 3));
        for (int i = 0; i < count; i++)
        {
            ulong clientId = reader.ReadVarUint();
            ulong clock = reader.ReadVarUint();
            string json = reader.ReadVarString();
            _ = JsJson.Parse(json);
            clients.Add(new AwarenessClientState(clientId, clock, json));
        }
        return clients;
    }
}
