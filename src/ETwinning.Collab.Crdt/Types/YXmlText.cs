using System.Globalization;
using System.Text;
using ETwinning.Collab.Crdt.Encoding;

namespace ETwinning.Collab.Crdt.Types;

/// <summary>Rich text inside an XML tree; its marks (bold, link...) are the delta attributes.</summary>
public sealed class YXmlText : YText
{
    /// <summary>Creates an XML text to insert into a fragment or element.</summary>
    public YXmlText() { }

    internal override int TypeRef => RefXmlText;

    internal override YType CreateEmptyCopy() => new YXmlText();

    /// <summary>Serializes like yjs's <c>toString()</c>: each run wrapped in one tag per mark (marks
    /// sorted by name, a mark's attributes are the enumerable keys of its value, sorted); embeds are
    /// written the way JavaScript converts them to strings.</summary>
    public string ToXmlString()
    {
        var sb = new StringBuilder();
        foreach (var delta in ToDeltaLikeYjs())
        {
            var marks = (delta.Attributes ?? new Dictionary<string, object?>()).OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList();
            foreach (var (mark, value) in marks)
            {
                sb.Append('<').Append(mark);
                foreach (var (key, attr) in EnumerableKeys(value).OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    sb.Append(' ').Append(key).Append("=\"").Append(AttributeText(attr)).Append('"');
                }
                sb.Append('>');
            }
            sb.Append(delta.Insert switch
            {
                string text => text,
                YXmlFragment fragment => fragment.ToXmlString(),
                YXmlText xmlText => xmlText.ToXmlString(),
                YText text => text.ToString(),
                var other => AttributeText(other),
            });
            for (int i = marks.Count - 1; i >= 0; i--) sb.Append("</").Append(marks[i].Key).Append('>');
        }
        return sb.ToString();
    }

    /// <summary>What JavaScript's <c>for (key in value)</c> visits: object keys, string and array indices.</summary>
    private static IEnumerable<KeyValuePair<string, object?>> EnumerableKeys(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> map => map,
        string text => text.Select((c, i) => new KeyValuePair<string, object?>(i.ToString(CultureInfo.InvariantCulture), c.ToString())),
        IReadOnlyList<object?> list => list.Select((v, i) => new KeyValuePair<string, object?>(i.ToString(CultureInfo.InvariantCulture), v)),
        _ => [],
    };

    /// <summary>A value as JavaScript's string conversion writes it (<c>`${value}`</c>).</summary>
    internal static string AttributeText(object? value) => value switch
    {
        null => "null",
        JsUndefined => "undefined",
        string s => s,
        bool b => b ? "true" : "false",
        double d => JsJson.FormatNumber(d),
        byte[] bytes => string.Join(",", bytes),
        IReadOnlyList<object?> list => string.Join(",", list.Select(v => v is null or JsUndefined ? "" : AttributeText(v))),
        YXmlFragment fragment => fragment.ToXmlString(),
        YXmlText xmlText => xmlText.ToXmlString(),
        YText text => text.ToString(),
        _ => "[object Object]",
    };
}
