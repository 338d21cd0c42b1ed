using System.Globalization;
using System.Text;
using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>
/// Attendance as CSV (RFC 4180): one row per stay, times in UTC ISO 8601. Names that a spreadsheet would take for a
/// formula (starting with = + - @ or a tab) get a leading apostrophe, so opening the export runs nothing.
/// </summary>
public static class AttendanceCsv
{
    public const string Header = "session_id,account_id,display_name,joined_at_utc,left_at_utc,minutes";

    public static string Write(RoomSessionSummary session)
    {
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var stay in session.Attendance)
            csv.Append(Field(session.SessionId)).Append(',')
                .Append(Field(stay.AccountId)).Append(',')
                .Append(Field(stay.DisplayName)).Append(',')
                .Append(Time(stay.JoinedAt)).Append(',')
                .Append(stay.LeftAt is { } left ? Time(left) : "").Append(',')
                .Append(stay.Minutes.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        return csv.ToString();
    }

    private static string Time(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
