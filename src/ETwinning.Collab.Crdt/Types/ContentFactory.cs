using ETwinning.Collab.Crdt.Core.Contents;
using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt.Types;

/// <summary>Turns user values into item content the way yjs does: runs of JSON-like values share one
/// "any" item, binary data and nested types get items of their own.</summary>
internal static class ContentFactory
{
    public static List<ItemContent> ForList(IEnumerable<object?> values)
    {
        var contents = new List<ItemContent>();
        List<object?>? run = null;
        foreach (var value in values)
        {
            switch (value)
            {
                case byte[] bytes:
                    Flush();
                    contents.Add(new BinaryContent(bytes));
                    break;
                case YType type:
                    Flush();
                    contents.Add(new TypeContent(Prelim(type)));
                    break;
                default:
                    (run ??= []).Add(JsValues.Normalize(value));
                    break;
            }
        }
        Flush();
        return contents;

        void Flush()
        {
            if (run == null) return;
            contents.Add(new AnyContent(run));
            run = null;
        }
    }

    public static ItemContent ForMapValue(object? value) => value switch
    {
        byte[] bytes => new BinaryContent(bytes),
        YType type => new TypeContent(Prelim(type)),
        _ => new AnyContent([JsValues.Normalize(value)]),
    };

    private static YType Prelim(YType type)
    {
        if (type.DocInternal != null || type.ItemInternal != null)
        {
            throw new InvalidOperationException("A shared type can only be inserted once; create a new instance.");
        }
        if (type is YUnknownType) throw new ArgumentException("Unknown types cannot be inserted.", nameof(type));
        return type;
    }
}
