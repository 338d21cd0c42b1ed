using System.Text;
using ETwinning.Collab.Crdt.Core;
using ETwinning.Collab.Crdt.Core.Contents;
using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt.Types;

/// <summary>
/// Shared rich text. Formatting is stored as marks in the item list: a mark sets an attribute from its
/// position on (a null value ends it), so the attributes of a character are all marks before it.
/// </summary>
public class YText : YType
{
    /// <summary>Creates a text to insert into a document (or use <see cref="YDoc.GetText"/>).</summary>
    public YText() { }

    internal override int TypeRef => RefText;

    internal override YType CreateEmptyCopy() => new YText();

    /// <summary>Length in UTF-16 code units (embeds count as one).</summary>
    public int Length => ContentLength;

    /// <summary>
    /// Inserts text. Without <paramref name="attributes"/> the text takes the formatting of its
    /// position; with them, exactly those attributes apply (others active there are ended).
    /// </summary>
    public void Insert(int index, string text, IReadOnlyDictionary<string, object?>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) return;
        InsertContent(index, new TextRunContent(text), attributes);
    }

    /// <summary>Inserts an embed (a JSON-like object, or a new nested type) of length one.</summary>
    public void InsertEmbed(int index, object embed, IReadOnlyDictionary<string, object?>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(embed);
        ItemContent content = embed is YType
            ? ContentFactory.ForList([embed])[0]
            : new EmbedContent(JsJson.Stringify(JsValues.Normalize(embed)));
        InsertContent(index, content, attributes);
    }

    private void InsertContent(int index, ItemContent content, IReadOnlyDictionary<string, object?>? attributes)
    {
        if (index < 0 || index > ContentLength) throw new ArgumentOutOfRangeException(nameof(index));
        if (attributes == null)
        {
            // Typing runs here once per keystroke: no closure when a transaction is already open.
            if (RequireDoc().CurrentTransaction is { } current) InsertPlain(current, index, content);
            else InsertPlainInNewTransaction(index, content);
            return;
        }
        InsertFormatted(index, content, attributes);
    }

    /// <summary>Inserts with exactly <paramref name="attributes"/>: marks switching them on before the
    /// content and marks restoring the previous values after it.</summary>
    private void InsertFormatted(int index, ItemContent content, IReadOnlyDictionary<string, object?> attributes)
    {
        var wanted = NormalizeAttributes(attributes);
        Edit(t =>
        {
            var cursor = TextCursor.FromStart(this, t, index);
            foreach (var key in cursor.Attributes.Keys)
            {
                wanted.TryAdd(key, null);
            }
            cursor.SkipRedundant(wanted);
            var restore = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (key, value) in wanted)
            {
                var current = cursor.Attributes.GetValueOrDefault(key);
                if (JsValues.ValueEquals(current, value)) continue;
                restore[key] = current;
                cursor.Insert(this, t, new FormatContent(key, JsJson.Stringify(value)));
            }
            cursor.Insert(this, t, content);
            foreach (var (key, value) in restore)
            {
                cursor.Insert(this, t, new FormatContent(key, JsJson.Stringify(value)));
            }
            ClearMarker();
        });
    }

    private void InsertPlainInNewTransaction(int index, ItemContent content) => Edit(t => InsertPlain(t, index, content));

    /// <summary>Inserts without formatting marks: right after the preceding character, past
    /// tombstones (as yjs places it), so it takes the formatting in effect there.</summary>
    private void InsertPlain(Transaction transaction, int index, ItemContent content)
    {
        var left = FindItemEndingAt(transaction, index);
        var right = left == null ? Start : left.Right;
        while (right != null && right.Deleted)
        {
            left = right;
            right = right.Right;
        }
        var item = InsertItem(transaction, left, right, content);
        SetMarker(item, index);
    }

    /// <summary>Deletes <paramref name="length"/> positions from <paramref name="index"/>.</summary>
    public void Delete(int index, int length)
    {
        if (RequireDoc().CurrentTransaction is { } current) ListDelete(current, index, length);
        else DeleteInNewTransaction(index, length);
    }

    private void DeleteInNewTransaction(int index, int length) => Edit(t => ListDelete(t, index, length));

    /// <summary>Sets (or, with null values, removes) attributes on a range.</summary>
    public void Format(int index, int length, IReadOnlyDictionary<string, object?> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (index < 0 || index > ContentLength) throw new ArgumentOutOfRangeException(nameof(index));
        length = Math.Min(length, ContentLength - index);
        if (length <= 0 || attributes.Count == 0) return;
        var wanted = NormalizeAttributes(attributes);
        Edit(t =>
        {
            var cursor = TextCursor.FromStart(this, t, index);
            // What each attribute would be after the range without this change, to restore it there.
            var after = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (key, value) in wanted)
            {
                var current = cursor.Attributes.GetValueOrDefault(key);
                after[key] = current;
                if (!JsValues.ValueEquals(current, value)) cursor.Insert(this, t, new FormatContent(key, JsJson.Stringify(value)));
            }
            int remaining = length;
            while (cursor.Right != null && remaining > 0)
            {
                var right = cursor.Right;
                if (!right.Deleted)
                {
                    if (right.Content is FormatContent format)
                    {
                        if (wanted.ContainsKey(format.Key))
                        {
                            after[format.Key] = format.Value;
                            right.Delete(t);
                        }
                    }
                    else if (right.Countable)
                    {
                        if (right.Length > remaining) right.Split(t, remaining);
                        remaining -= right.Length;
                    }
                }
                cursor.Left = right;
                cursor.Right = right.Right;
            }
            foreach (var (key, value) in wanted)
            {
                if (!JsValues.ValueEquals(after[key], value)) cursor.Insert(this, t, new FormatContent(key, JsJson.Stringify(after[key])));
            }
            ClearMarker();
        });
    }

    private static Dictionary<string, object?> NormalizeAttributes(IReadOnlyDictionary<string, object?> attributes)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in attributes) result[key] = JsValues.Normalize(value);
        return result;
    }

    /// <summary>The content as runs of equally formatted text and embeds.</summary>
    public IReadOnlyList<TextDelta> ToDelta() => BuildDelta(splitAtEveryMark: false);

    /// <summary>Runs as yjs's <c>toDelta()</c> cuts them: a new run after every formatting mark,
    /// even one that changes nothing (what yjs's XML <c>toString()</c> is built from).</summary>
    internal IReadOnlyList<TextDelta> ToDeltaLikeYjs() => BuildDelta(splitAtEveryMark: true);

    private List<TextDelta> BuildDelta(bool splitAtEveryMark)
    {
        var result = new List<TextDelta>();
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        var run = new StringBuilder();
        Dictionary<string, object?>? runAttributes = null;
        for (var n = Start; n != null; n = n.Right)
        {
            if (n.Deleted) continue;
            switch (n.Content)
            {
                case FormatContent format:
                    if (splitAtEveryMark) Flush();
                    if (format.Value == null) attributes.Remove(format.Key);
                    else attributes[format.Key] = format.Value;
                    break;
                case TextRunContent text:
                    if (run.Length > 0 && !SameAttributes(runAttributes, attributes)) Flush();
                    if (run.Length == 0) runAttributes = attributes.Count == 0 ? null : new Dictionary<string, object?>(attributes);
                    run.Append(text.Span);
                    break;
                case EmbedContent embed:
                    Flush();
                    result.Add(new TextDelta(embed.Value!, Snapshot()));
                    break;
                case TypeContent nested:
                    Flush();
                    result.Add(new TextDelta(nested.Type, Snapshot()));
                    break;
            }
        }
        Flush();
        return result;

        Dictionary<string, object?>? Snapshot() => attributes.Count == 0 ? null : new Dictionary<string, object?>(attributes);

        void Flush()
        {
            if (run.Length == 0) return;
            result.Add(new TextDelta(run.ToString(), runAttributes));
            run.Clear();
        }
    }

    private static bool SameAttributes(Dictionary<string, object?>? a, Dictionary<string, object?> b)
    {
        if (a == null) return b.Count == 0;
        if (a.Count != b.Count) return false;
        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !JsValues.ValueEquals(value, other)) return false;
        }
        return true;
    }

    /// <summary>The plain text (embeds and formatting left out).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(ContentLength);
        for (var n = Start; n != null; n = n.Right)
        {
            if (!n.Deleted && n.Content is TextRunContent text) sb.Append(text.Span);
        }
        return sb.ToString();
    }
}
