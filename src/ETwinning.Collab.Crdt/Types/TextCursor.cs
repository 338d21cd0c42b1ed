using ETwinning.Collab.Crdt.Core;
using ETwinning.Collab.Crdt.Core.Contents;
using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt.Types;

/// <summary>A position between two items of a text, with the attributes in effect there.</summary>
internal sealed class TextCursor
{
    public Item? Left;
    public Item? Right;
    public Dictionary<string, object?> Attributes { get; } = new(StringComparer.Ordinal);

    /// <summary>Walks from the start to just after the character before <paramref name="index"/>.</summary>
    public static TextCursor FromStart(YType text, Transaction transaction, int index)
    {
        var cursor = new TextCursor { Right = text.Start };
        int remaining = index;
        while (cursor.Right != null && remaining > 0)
        {
            var right = cursor.Right;
            if (!right.Deleted)
            {
                if (right.Content is FormatContent format) cursor.Apply(format);
                else if (right.Countable)
                {
                    if (remaining < right.Length) right.Split(transaction, remaining);
                    remaining -= right.Length;
                }
            }
            cursor.Left = right;
            cursor.Right = right.Right;
        }
        return cursor;
    }

    public void Apply(FormatContent format)
    {
        if (format.Value == null) Attributes.Remove(format.Key);
        else Attributes[format.Key] = format.Value;
    }

    /// <summary>Moves past tombstones and marks that already set what <paramref name="wanted"/> asks for.</summary>
    public void SkipRedundant(Dictionary<string, object?> wanted)
    {
        while (Right != null)
        {
            if (Right.Deleted)
            {
                // Tombstones take no space: step over them.
            }
            else if (Right.Content is FormatContent format && wanted.TryGetValue(format.Key, out var value) && JsValues.ValueEquals(value, format.Value))
            {
                Apply(format);
            }
            else
            {
                break;
            }
            Left = Right;
            Right = Right.Right;
        }
    }

    /// <summary>Inserts content here and moves after it.</summary>
    public void Insert(YType text, Transaction transaction, ItemContent content)
    {
        var item = text.InsertItem(transaction, Left, Right, content);
        if (content is FormatContent format) Apply(format);
        Left = item;
    }
}
