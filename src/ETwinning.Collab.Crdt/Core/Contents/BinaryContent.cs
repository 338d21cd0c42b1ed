using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt.Core.Contents;

/// <summary>One binary blob.</summary>
internal sealed class BinaryContent(byte[] data) : ItemContent
{
    public byte[] Data { get; } = data;

    public override int Ref => RefBinary;
    public override int Length => 1;
    public override ItemContent Copy() => new BinaryContent(Data);
    public override void Write(Lib0Writer writer, int offset) => writer.WriteVarUint8Array(Data);
    public override IEnumerable<object?> Values() => [Data];
}
