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

    /// <summary>Serializes like yjs: each run wrapped in one tag per mark, marks sorted by name.</summary>
    public string ToXmlString()
    {
        var sb = new StringBuilder();
        foreach (var delta in ToDelta())
        {
            var marks = (delta.Attributes ?? new Dictionary<string, object?>()).OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList();
            foreach (var (mark, value) in marks)
            {
                sb.Append('<').Append(mark);
                if (value is IReadOnlyDictionary<string, object?> markAttributes)
                {
                    foreach (var (key, attr) in markAttributes.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                    {
                        sb.Append(' ').Append(key).Append("=\"").Append(AttributeText(attr)).Append('"');
                    }
                }
                sb.Append('>');
            }
            sb.Append(delta.Insert is string s ? s : delta.Insert is YType t ? YXmlFragment.XmlOf(t) : JsJson.Stringify(delta.Insert));
            for (int i = marks.Count - 1; i >= 0; i--) sb.Append("</").Append(marks[i].Key).Append('>');
        }
        return sb.ToString();
    }

    internal static string AttributeText(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        double d => JsJson.FormatNumber(d),
        IReadOnlyDictionary<string, object?> => "[object Object]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
