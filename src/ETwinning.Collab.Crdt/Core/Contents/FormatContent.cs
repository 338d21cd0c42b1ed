using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt.Core.Contents;

/// <summary>A formatting mark in text: from here on attribute <see cref="Key"/> has
/// <see cref="Value"/> (null ends it). Not countable: takes no position in the text.</summary>
internal sealed class FormatContent(string key, string json) : ItemContent
{
    private object? _value;
    private bool _parsed;

    public string Key { get; } = key;
    public string Json { get; } = json;

    public object? Value
    {
        get
        {
            if (!_parsed)
            {
                var parsed = JsJson.Parse(Json);
                _value = parsed is JsUndefined ? null : parsed;
                _parsed = true;
            }
            return _value;
        }
    }

    public override int Ref => RefFormat;
    public override int Length => 1;
    public override bool Countable => false;
    public override ItemContent Copy() => new FormatContent(Key, Json);

    public override void Integrate(Transaction transaction, Item item) => item.Parent!.HasFormatting = true;

    public override void Write(Lib0Writer writer, int offset)
    {
        writer.WriteVarString(Key);
        writer.WriteVarString(Json);
    }
}
