using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt.Core.Contents;

/// <summary>An embed in text (an image, a formula...), stored as its JSON text.</summary>
internal sealed class EmbedContent(string json) : ItemContent
{
    private object? _value;
    private bool _parsed;

    public string Json { get; } = json;

    public object? Value
    {
        get
        {
            if (!_parsed)
            {
                _value = JsJson.Parse(Json);
                _parsed = true;
            }
            return _value;
        }
    }

    public override int Ref => RefEmbed;
    public override int Length => 1;
    public override ItemContent Copy() => new EmbedContent(Json);
    public override void Write(Lib0Writer writer, int offset) => writer.WriteVarString(Json);
    public override IEnumerable<object?> Values() => [Value];
}
