using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt.Core.Contents;

/// <summary>A sub-document reference (guid and options). Kept and re-encoded; never loaded.</summary>
internal sealed class DocContent(string guid, object? options) : ItemContent
{
    public string Guid { get; } = guid;
    public object? Options { get; } = options;

    public override int Ref => RefDoc;
    public override int Length => 1;
    public override ItemContent Copy() => new DocContent(Guid, Options);

    public override void Write(Lib0Writer writer, int offset)
    {
        writer.WriteVarString(Guid);
        writer.WriteAny(Options);
    }

    public override IEnumerable<object?> Values() => [new Dictionary<string, object?> { ["guid"] = Guid }];
}
