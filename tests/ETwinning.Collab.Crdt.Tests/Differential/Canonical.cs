using ETwinning.Collab.Crdt.Encoding;
using ETwinning.Collab.Crdt.Types;

namespace ETwinning.Collab.Crdt.Tests.Differential;

/// <summary>The canonical content JSON of a document, built with exactly the rules of the harness's
/// <c>canon()</c> so that equal documents give equal strings.</summary>
public static partial class Canonical
{
    /// <summary>
    /// Writes every surrogate pair as two U+FFFD. Where yjs itself lets replicas disagree on whether a
    /// split surrogate pair became U+FFFD (the replica that split it, or the version a merge kept),
    /// comparisons use this form; everything else must still match exactly.
    /// </summary>
    public static string SplitPairs(string canonical) => SurrogatePair().Replace(canonical, "\uFFFD\uFFFD");

    [System.Text.RegularExpressions.GeneratedRegex("[\uD800-\uDBFF][\uDC00-\uDFFF]")]
    private static partial System.Text.RegularExpressions.Regex SurrogatePair();

    public static string Of(YDoc doc) => JsJson.Stringify(new Dictionary<string, object?>
    {
        ["text"] = Delta(doc.GetText("text")),
        ["array"] = doc.GetArray("array").ToList().Select(Value).ToList(),
        ["map"] = Sorted(doc.GetMap("map").Entries),
        ["xml"] = doc.GetXmlFragment("xml").Children.Select(Value).ToList(),
    });

    private static Dictionary<string, object?> Sorted(IEnumerable<KeyValuePair<string, object?>> entries)
    {
        var result = new Dictionary<string, object?>();
        foreach (var (key, value) in entries.OrderBy(e => e.Key, StringComparer.Ordinal)) result[key] = Value(value);
        return result;
    }

    private static object? Value(object? value) => value switch
    {
        YXmlText text => new Dictionary<string, object?> { ["$xtext"] = Delta(text) },
        YText text => new Dictionary<string, object?> { ["$text"] = Delta(text) },
        YXmlElement element => new Dictionary<string, object?>
        {
            ["$el"] = element.NodeName,
            ["attrs"] = Sorted(element.GetAttributes()),
            ["children"] = element.Children.Select(Value).ToList(),
        },
        YXmlFragment fragment => new Dictionary<string, object?> { ["$frag"] = fragment.Children.Select(Value).ToList() },
        YArray array => new Dictionary<string, object?> { ["$array"] = array.ToList().Select(Value).ToList() },
        YMap map => new Dictionary<string, object?> { ["$map"] = Sorted(map.Entries) },
        YXmlHook hook => new Dictionary<string, object?> { ["$hook"] = hook.HookName },
        byte[] bytes => new Dictionary<string, object?> { ["$bin"] = Convert.ToBase64String(bytes) },
        JsUndefined => new Dictionary<string, object?> { ["$undef"] = 1.0 },
        IReadOnlyDictionary<string, object?> map => Sorted(map),
        IReadOnlyList<object?> list => list.Select(Value).ToList(),
        _ => value,
    };

    private static List<object?> Delta(YText text) => text.ToDelta().Select(d => (object?)new Dictionary<string, object?>
    {
        ["insert"] = d.Insert is string s ? s : Value(d.Insert),
        ["attributes"] = d.Attributes is { Count: > 0 } attributes ? Sorted(attributes) : null,
    }).ToList();
}
