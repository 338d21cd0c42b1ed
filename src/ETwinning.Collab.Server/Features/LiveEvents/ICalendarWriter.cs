using System.Globalization;
using System.Text;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// An event as an iCalendar file (RFC 5545): CRLF line ends, TEXT values escaped (backslash, semicolon, comma, line
/// breaks), lines folded at 75 octets without splitting a UTF-8 character, the start in the event's own zone with a
/// VTIMEZONE that gives that zone's offset at the event (so calendars show the planned local time).
/// </summary>
public static class ICalendarWriter
{
    private const int MaxLineOctets = 75;
    private const string LocalTime = "yyyyMMdd'T'HHmmss";

    public static string Write(LiveEvent liveEvent, DateTime stampedAt, string productId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(liveEvent.TimeZone);
        var start = DateTime.SpecifyKind(liveEvent.StartsAt, DateTimeKind.Utc);
        var offset = zone.GetUtcOffset(start);
        var local = TimeZoneInfo.ConvertTimeFromUtc(start, zone);
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:" + Text(productId),
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VTIMEZONE",
            "TZID:" + liveEvent.TimeZone,
            // One observance at the offset in force at the event: exact for this event's date, which is all this file holds.
            zone.IsDaylightSavingTime(start) ? "BEGIN:DAYLIGHT" : "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:" + Offset(offset),
            "TZOFFSETTO:" + Offset(offset),
            zone.IsDaylightSavingTime(start) ? "END:DAYLIGHT" : "END:STANDARD",
            "END:VTIMEZONE",
            "BEGIN:VEVENT",
            $"UID:{liveEvent.Id}@{liveEvent.TwinSpaceId}.twinspace",
            "DTSTAMP:" + stampedAt.ToUniversalTime().ToString(LocalTime, CultureInfo.InvariantCulture) + "Z",
            $"DTSTART;TZID={liveEvent.TimeZone}:" + local.ToString(LocalTime, CultureInfo.InvariantCulture),
            "DURATION:PT" + liveEvent.DurationMinutes.ToString(CultureInfo.InvariantCulture) + "M",
            "SUMMARY:" + Text(liveEvent.Title),
        };
        if (liveEvent.Description.Length > 0) lines.Add("DESCRIPTION:" + Text(liveEvent.Description));
        lines.Add("END:VEVENT");
        lines.Add("END:VCALENDAR");
        var file = new StringBuilder();
        foreach (var line in lines) Fold(line, file);
        return file.ToString();
    }

    /// <summary>TEXT escaping of RFC 5545 3.3.11.</summary>
    public static string Text(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Folding of RFC 5545 3.1: at most 75 octets a line; a continuation starts with one space (which counts).</summary>
    public static void Fold(string line, StringBuilder into)
    {
        var octets = 0;
        var limit = MaxLineOctets;
        var index = 0;
        while (index < line.Length)
        {
            var length = char.IsSurrogatePair(line, index) ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(index, length));
            if (octets + size > limit)
            {
                into.Append("\r\n ");
                octets = 0;
                limit = MaxLineOctets - 1;
            }
            into.Append(line, index, length);
            octets += size;
            index += length;
        }
        into.Append("\r\n");
    }

    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);
}
