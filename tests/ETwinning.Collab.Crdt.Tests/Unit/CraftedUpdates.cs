using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt.Tests.Unit;

/// <summary>
/// Yjs updates written byte by byte, in shapes no editor sends: the limits' tests (here and in the server's tests)
/// and the crafted-siblings benchmark share them, linked into their projects.
/// </summary>
internal static class CraftedUpdates
{
    /// <summary>
    /// <paramref name="items"/> one-character items of the text <c>t</c> from client ids <paramref name="firstClient"/>..,
    /// each with origin 1:0 and right origin 1:1 (between "a" and "b" of client 1), as if every client had typed there
    /// concurrently. Yjs writes clients in descending order; the engine accepts any order.
    /// </summary>
    public static byte[] Siblings(ulong firstClient, int items)
    {
        var writer = new Lib0Writer();
        writer.WriteVarUint((ulong)items);
        for (var i = 0; i < items; i++)
        {
            writer.WriteVarUint(1);
            writer.WriteVarUint(firstClient + (ulong)i);
            writer.WriteVarUint(0);
            writer.WriteByte(0x80 | 0x40 | 4);
            writer.WriteVarUint(1);
            writer.WriteVarUint(0);
            writer.WriteVarUint(1);
            writer.WriteVarUint(1);
            writer.WriteVarString("x");
        }
        writer.WriteVarUint(0);
        return writer.ToArray();
    }
}
