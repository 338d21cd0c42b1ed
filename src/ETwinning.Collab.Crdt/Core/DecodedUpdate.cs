using ETwinning.Collab.Crdt.Core.Contents;
using System.Text;
using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt.Core;

/// <summary>
/// A fully parsed and validated Yjs v1 update: structs per client (in clock order) and a delete set.
/// Parsing never touches a document, so a malformed update is rejected before anything changes.
/// </summary>
internal sealed class DecodedUpdate
{
    private const int InfoOrigin = 0x80, InfoRightOrigin = 0x40, InfoParentSub = 0x20, ContentMask = 0x1F;
    private const int RefGc = 0, RefSkip = 10;

    /// <summary>Largest clock accepted for a client.</summary>
    public const long MaxClock = int.MaxValue;

    public Dictionary<ulong, List<StructBase>> Structs { get; } = [];

    public DeleteSet DeleteSet { get; private set; } = new();

    public static DecodedUpdate Decode(ReadOnlySpan<byte> update)
    {
        try
        {
            var reader = new Lib0Reader(update);
            var result = new DecodedUpdate();
            int clientCount = reader.ReadVarUintAsInt("Client count");
            for (int c = 0; c < clientCount; c++)
            {
                int structCount = reader.ReadVarUintAsInt("Struct count");
                ulong client = reader.ReadVarUint();
                long clock = (long)reader.ReadVarUint();
                if (clock > MaxClock) throw new CrdtFormatException($"Clock {clock} of client {client} is too large (limit {MaxClock}).");
                if (!result.Structs.TryGetValue(client, out var list))
                {
                    list = new List<StructBase>(Math.Min(structCount, reader.Remaining));
                    result.Structs[client] = list;
                }
                for (int s = 0; s < structCount; s++)
                {
                    var decoded = ReadStruct(ref reader, client, clock);
                    clock += decoded.Length;
                    // Clocks count characters typed by one client; 2^31 is far beyond any real
                    // document and keeps every length (including gaps) within an int.
                    if (clock > MaxClock) throw new CrdtFormatException($"Clock {clock} of client {client} is too large (limit {MaxClock}).");
                    list.Add(decoded);
                }
            }
            result.DeleteSet = DeleteSet.Read(ref reader);
            // yjs stops reading after the delete set; whatever follows would be stored and relayed
            // without meaning anything, so it is refused.
            reader.EnsureAtEnd("the update");
            foreach (var list in result.Structs.Values) list.Sort(static (a, b) => a.Clock.CompareTo(b.Clock));
            return result;
        }
        catch (CrdtFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OverflowException or FormatException or DecoderFallbackException)
        {
            throw new CrdtFormatException($"Malformed update: {e.Message}", e);
        }
    }

    private static StructBase ReadStruct(ref Lib0Reader reader, ulong client, long clock)
    {
        byte info = reader.ReadByte();
        int contentRef = info & ContentMask;
        switch (contentRef)
        {
            case RefGc:
                return new GcStruct(client, clock, ReadLength(ref reader));
            case RefSkip:
                return new SkipStruct(client, clock, ReadLength(ref reader));
        }
        YId? origin = (info & InfoOrigin) != 0 ? ReadId(ref reader) : null;
        YId? rightOrigin = (info & InfoRightOrigin) != 0 ? ReadId(ref reader) : null;
        string? parentRoot = null;
        YId? parentItem = null;
        string? parentSub = null;
        if (origin == null && rightOrigin == null)
        {
            if (reader.ReadVarUint() == 1) parentRoot = reader.ReadVarString();
            else parentItem = ReadId(ref reader);
            if ((info & InfoParentSub) != 0) parentSub = reader.ReadVarString();
        }
        // References into the same client's history must point backwards; anything else cannot have
        // been produced by a real client and would never resolve.
        CheckBackward(origin, client, clock, "origin");
        CheckBackward(rightOrigin, client, clock, "right origin");
        CheckBackward(parentItem, client, clock, "parent");
        var content = ContentReader.Read(ref reader, contentRef);
        return new Item(client, clock, origin, rightOrigin, content)
        {
            DecodedParentRoot = parentRoot,
            DecodedParentItem = parentItem,
            ParentSub = parentSub,
        };
    }

    private static void CheckBackward(YId? reference, ulong client, long clock, string what)
    {
        if (reference is { } id && id.Client == client && id.Clock >= clock)
        {
            throw new CrdtFormatException($"Item {client}:{clock} has a {what} {id.Client}:{id.Clock} that is not before it.");
        }
    }

    private static int ReadLength(ref Lib0Reader reader)
    {
        int length = reader.ReadVarUintAsInt("Struct length");
        if (length == 0) throw new CrdtFormatException("Struct length must not be zero.");
        return length;
    }

    private static YId ReadId(ref Lib0Reader reader)
    {
        ulong client = reader.ReadVarUint();
        long clock = (long)reader.ReadVarUint();
        return new YId(client, clock);
    }
}
