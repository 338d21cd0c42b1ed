using System.Text;

namespace ETwinning.Collab.Crdt.Types;

/// <summary>A shared XML element: a node name, attributes and child nodes.</summary>
public sealed class YXmlElement : YXmlFragment
{
    /// <summary>Creates an element to insert into a fragment or element.</summary>
    public YXmlElement(string nodeName)
    {
        ArgumentNullException.ThrowIfNull(nodeName);
        NodeName = nodeName;
    }

    /// <summary>The element name, e.g. "paragraph".</summary>
    public string NodeName { get; }

    internal override int TypeRef => RefXmlElement;

    internal override string? NodeNameForEncoding => NodeName;

    internal override YType CreateEmptyCopy() => new YXmlElement(NodeName);

    /// <summary>Sets an attribute (a string, or any JSON-like value as yjs allows).</summary>
    public void SetAttribute(string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        var content = ContentFactory.ForMapValue(value);
        Edit(t => MapSet(t, name, content));
    }

    /// <summary>Removes an attribute.</summary>
    public void RemoveAttribute(string name) => Edit(t => MapDelete(t, name));

    /// <summary>The value of an attribute, or null.</summary>
    public object? GetAttribute(string name) => MapTryGet(name, out var value) ? value : null;

    /// <summary>All attributes.</summary>
    public IReadOnlyDictionary<string, object?> GetAttributes() => MapEntries().ToDictionary(StringComparer.Ordinal);

    /// <summary>Serializes like yjs: attributes sorted by name, then the children.</summary>
    public override string ToXmlString()
    {
        var sb = new StringBuilder();
        sb.Append('<').Append(NodeName);
        foreach (var (key, value) in GetAttributes().OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            sb.Append(' ').Append(key).Append("=\"").Append(YXmlText.AttributeText(value)).Append('"');
        }
        sb.Append('>').Append(base.ToXmlString()).Append("</").Append(NodeName).Append('>');
        return sb.ToString();
    }
}
