using System.Text;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// CSV as RFC 4180 writes it (quoted when needed, CRLF), with cells that a spreadsheet would run as a formula
/// (starting with = + - @ or a tab) prefixed with an apostrophe: names and answers come from users.
/// </summary>
public sealed class LiveCsv
{
    private readonly StringBuilder _text = new();

    public LiveCsv Row(params object?[] cells)
    {
        _text.Append(string.Join(",", cells.Select(Cell))).Append("\r\n");
        return this;
    }

    public override string ToString() => _text.ToString();

    private static string Cell(object? value)
    {
        var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
        if (value is string && text.Length > 0 && "=+-@\t\r".Contains(text[0])) text = "'" + text;
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
