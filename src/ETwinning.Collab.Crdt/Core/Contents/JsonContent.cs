using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt.Core.Contents;

/// <summary>Legacy JSON content: values stored as JSON text ("undefined" for undefined).
/// The text is kept verbatim so re-encoding is exact.</summary>
internal sealed class JsonContent(List<string> json) : ItemContent
{
    public List<string> Json { get; } = json;

    public override int Ref => RefJson;
    public override int Length => Json.Count;
    public override bool Mergeable => true;
    public override ItemContent Copy() => new JsonContent([.. Json]);

    public override ItemContent SplitAt(int offset)
    {
        var right = new JsonContent(Json.GetRange(offset, Json.Count - offset));
        Json.RemoveRange(offset, Json.Count - offset);
        return right;
    }

    public override void Append(ItemContent right) => Json.AddRange(((JsonContent)right).Json);

    public override void Write(Lib0Writer writer, int offset)
    {
        writer.WriteVarUint((ulong)(Json.Count - offset));
        for (int i = offset; i < Json.Count; i++) writer.WriteVarString(Json[i]);
    }

    public override IEnumerable<object?> Values() => Json.Select(JsJson.Parse);
}
