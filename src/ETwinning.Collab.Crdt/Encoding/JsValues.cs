using System.Numerics;

namespace ETwinning.Collab.Crdt.Encoding;

/// <summary>
/// Helpers for the JSON-like values stored in documents. Values are modelled like JavaScript sees
/// them: numbers are <see cref="double"/>, objects are string-keyed dictionaries, arrays are lists.
/// </summary>
public static class JsValues
{
    /// <summary>Converts any .NET numeric value to the double a JavaScript number would hold.</summary>
    public static bool TryGetNumber(object? value, out double number)
    {
        switch (value)
        {
            case double d: number = d; return true;
            case float f: number = f; return true;
            case int i: number = i; return true;
            case long l: number = l; return true;
            case uint ui: number = ui; return true;
            case ulong ul: number = ul; return true;
            case short s: number = s; return true;
            case ushort us: number = us; return true;
            case byte b: number = b; return true;
            case sbyte sb: number = sb; return true;
            case decimal m: number = (double)m; return true;
            default: number = 0; return false;
        }
    }

    /// <summary>Normalizes user-supplied values to the document value model (numbers to double,
    /// arrays to lists, dictionaries to string-keyed dictionaries). Throws for unsupported values.</summary>
    public static object? Normalize(object? value) => Normalize(value, 0);

    private static object? Normalize(object? value, int depth)
    {
        if (depth > Lib0Reader.MaxAnyDepth) throw new ArgumentException("Value nested too deeply.", nameof(value));
        switch (value)
        {
            case null or JsUndefined or bool or string or byte[] or BigInteger: return value;
            case IReadOnlyDictionary<string, object?> map:
                {
                    var copy = new Dictionary<string, object?>(map.Count);
                    foreach (var pair in map) copy[pair.Key] = Normalize(pair.Value, depth + 1);
                    return copy;
                }
            case System.Collections.IEnumerable list when value is not string:
                {
                    var copy = new List<object?>();
                    foreach (var item in list) copy.Add(Normalize(item, depth + 1));
                    return copy;
                }
            default:
                if (TryGetNumber(value, out double number)) return number;
                throw new ArgumentException($"Values of type {value.GetType().Name} cannot be stored.", nameof(value));
        }
    }

    /// <summary>Structural equality of two document values (used to compare text attributes).</summary>
    public static bool ValueEquals(object? a, object? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null) return false;
        if (TryGetNumber(a, out double x) && TryGetNumber(b, out double y)) return x.Equals(y);
        switch (a)
        {
            case string s: return b is string t && s == t;
            case bool p: return b is bool q && p == q;
            case byte[] ba: return b is byte[] bb && ba.AsSpan().SequenceEqual(bb);
            case IReadOnlyDictionary<string, object?> ma when b is IReadOnlyDictionary<string, object?> mb:
                if (ma.Count != mb.Count) return false;
                foreach (var pair in ma)
                {
                    if (!mb.TryGetValue(pair.Key, out var other) || !ValueEquals(pair.Value, other)) return false;
                }
                return true;
            case IReadOnlyList<object?> la when b is IReadOnlyList<object?> lb:
                if (la.Count != lb.Count) return false;
                for (int i = 0; i < la.Count; i++)
                {
                    if (!ValueEquals(la[i], lb[i])) return false;
                }
                return true;
            default: return a.Equals(b);
        }
    }
}
