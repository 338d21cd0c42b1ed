using System.Text;

namespace ETwinning.Collab.Crdt.Types;

/// <summary>A shared list of XML nodes (<see cref="YXmlElement"/> and <see cref="YXmlText"/>), e.g. a
/// ProseMirror document.</summary>
public class YXmlFragment : YType
{
    /// <summary>Creates a fragment (or use <see cref="YDoc.GetXmlFragment"/>).</summary>
    public YXmlFragment() { }

    internal override int TypeRef => RefXmlFragment;

    internal override YType CreateEmptyCopy() => new YXmlFragment();

    /// <summary>Number of child nodes.</summary>
    public int Length => ContentLength;

    /// <summary>Inserts new (not yet inserted) element or text nodes at <paramref name="index"/>.</summary>
    public void Insert(int index, params YType[] nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (index < 0 || index > ContentLength) throw new ArgumentOutOfRangeException(nameof(index));
        foreach (var node in nodes)
        {
            if (node is not (YXmlElement or YXmlText)) throw new ArgumentException("Only XML elements and XML texts can be children.", nameof(nodes));
        }
        var contents = ContentFactory.ForList(nodes);
        Edit(t => ListInsert(t, index, contents));
    }

    /// <summary>Deletes <paramref name="length"/> children from <paramref name="index"/>.</summary>
    public void Delete(int index, int length = 1) => Edit(t => ListDelete(t, index, length));

    /// <summary>The child nodes (elements, texts, or hooks).</summary>
    public IReadOnlyList<YType> Children => [.. ListValues().OfType<YType>()];

    /// <summary>Serializes the children like yjs's <c>toString()</c>.</summary>
    public virtual string ToXmlString()
    {
        var sb = new StringBuilder();
        foreach (var child in Children) sb.Append(XmlOf(child));
        return sb.ToString();
    }

    internal static string XmlOf(YType node) => node switch
    {
        YXmlFragment fragment => fragment.ToXmlString(),
        YXmlText text => text.ToXmlString(),
        _ => string.Empty,
    };
}
