using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace ETwinning.Collab.Crdt.Encoding;

/// <summary>
/// JSON text in the exact form JavaScript's <c>JSON.stringify</c> produces, so that embeds, format
/// values and JSON content written by this engine match what yjs writes byte for byte.
/// </summary>
public static class JsJson
{
    /// <summary>Serializes a document value like <c>JSON.stringify</c>.
    /// <see cref="JsUndefined"/> at the top level gives the text <c>undefined</c> (as yjs stores it).</summary>
    public static string Stringify(object? value)
    {
        if (value is JsUndefined) return "undefined";
        var sb = new StringBuilder();
        Write(sb, value, 0);
        return sb.ToString();
    }

    /// <summary>Parses JSON text into document values; the text <c>undefined</c> gives <see cref="JsUndefined"/>.</summary>
    public static object? Parse(string json)
    {
        if (json == "undefined") return JsUndefined.Value;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = Lib0Reader.MaxAnyDepth });
            return Convert(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new CrdtFormatException($"Invalid JSON content: {e.Message}", e);
        }
    }

    private static object? Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Array => element.EnumerateArray().Select(Convert).ToList(),
        JsonValueKind.Object => ConvertObject(element),
        _ => null,
    };

    private static Dictionary<string, object?> ConvertObject(JsonElement element)
    {
        var map = new Dictionary<string, object?>();
        foreach (var property in element.EnumerateObject()) map[property.Name] = Convert(property.Value);
        return map;
    }

    private static void Write(StringBuilder sb, object? value, int depth)
    {
        if (depth > Lib0Reader.MaxAnyDepth) throw new ArgumentException("Value nested too deeply.", nameof(value));
        switch (value)
        {
            case null or JsUndefined: sb.Append("null"); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case string s: WriteString(sb, s); break;
            case BigInteger big: sb.Append(big.ToString(CultureInfo.InvariantCulture)); break;
            case byte[] bytes:
                // JSON.stringify(Uint8Array) gives an object keyed by index.
                sb.Append('{');
                for (int i = 0; i < bytes.Length; i++)
                {
                    if (i > 0) sb.Append(',');
                    sb.Append('"').Append(i).Append("\":").Append(bytes[i]);
                }
                sb.Append('}');
                break;
            case IReadOnlyDictionary<string, object?> map:
                {
                    sb.Append('{');
                    bool first = true;
                    foreach (var pair in map)
                    {
                        if (pair.Value is JsUndefined) continue;
                        if (!first) sb.Append(',');
                        first = false;
                        WriteString(sb, pair.Key);
                        sb.Append(':');
                        Write(sb, pair.Value, depth + 1);
                    }
                    sb.Append('}');
                    break;
                }
            case IReadOnlyList<object?> list:
                sb.Append('[');
                for (int i = 0; i < list.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Write(sb, list[i], depth + 1);
                }
                sb.Append(']');
                break;
            default:
                if (JsValues.TryGetNumber(value, out double number))
                {
                    sb.Append(FormatNumber(number));
                    break;
                }
                throw new ArgumentException($"Values of type {value.GetType().Name} cannot be serialized.", nameof(value));
        }
    }

    /// <summary>Formats a double like JavaScript's Number.prototype.toString.</summary>
    public static string FormatNumber(double number)
    {
        if (double.IsNaN(number) || double.IsInfinity(number)) return "null";
        if (number == 0) return "0";
        // Shortest round-trip digits and decimal exponent, then JavaScript's layout rules.
        string shortest = number.ToString("R", CultureInfo.InvariantCulture);
        bool negative = number < 0;
        string digits;
        int exponent; // value = 0.digits * 10^exponent
        string body = negative ? shortest[1..] : shortest;
        int ePos = body.IndexOfAny(['E', 'e']);
        string mantissa = ePos >= 0 ? body[..ePos] : body;
        int exp10 = ePos >= 0 ? int.Parse(body[(ePos + 1)..], CultureInfo.InvariantCulture) : 0;
        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        string fracPart = dot >= 0 ? mantissa[(dot + 1)..] : "";
        digits = (intPart + fracPart).TrimStart('0');
        int leadingZeros = (intPart + fracPart).Length - digits.Length;
        exponent = intPart.Length + exp10 - leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) return "0";
        int k = digits.Length;
        int n = exponent;
        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        if (k <= n && n <= 21) sb.Append(digits).Append('0', n - k);
        else if (0 < n && n <= 21) sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        else if (-6 < n && n <= 0) sb.Append("0.").Append('0', -n).Append(digits);
        else
        {
            sb.Append(digits[0]);
            if (k > 1) sb.Append('.').Append(digits, 1, k - 1);
            sb.Append('e').Append(n - 1 >= 0 ? "+" : "-").Append(Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        sb.Append(c).Append(s[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        // Well-formed JSON.stringify escapes lone surrogates.
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append('"');
    }
}
