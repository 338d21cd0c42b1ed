using System.Text;
using ETwinning.Collab.Server.Features.LiveEvents;

namespace ETwinning.Collab.Server.Tests.LiveEvents;

public sealed class ICalendarWriterTests
{
    private static readonly LiveEvent Quiz = new()
    {
        Id = "ev1", TwinSpaceId = "ts1", Title = "Rivers, seas; and \\ lakes", Description = "Line one\nLine two, with commas",
        StartsAt = new DateTime(2026, 7, 1, 8, 0, 0, DateTimeKind.Utc), DurationMinutes = 45, TimeZone = "Europe/Lisbon", Capacity = 10, CreatedBy = "h",
    };

    [Fact]
    public void Text_is_escaped_and_the_start_is_the_planned_local_time_with_its_zone()
    {
        var file = ICalendarWriter.Write(Quiz, new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc), LiveEventReports.ProductId);
        var unfolded = file.Replace("\r\n ", "", StringComparison.Ordinal);

        Assert.Contains("SUMMARY:Rivers\\, seas\\; and \\\\ lakes\r\n", unfolded);
        Assert.Contains("DESCRIPTION:Line one\\nLine two\\, with commas\r\n", unfolded);
        // Lisbon is on summer time (UTC+1) on 1 July: 08:00 UTC is 09:00 there.
        Assert.Contains("DTSTART;TZID=Europe/Lisbon:20260701T090000\r\n", unfolded);
        Assert.Contains("TZOFFSETTO:+0100\r\n", unfolded);
        Assert.Contains("DURATION:PT45M\r\n", unfolded);
        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", file);
        Assert.EndsWith("END:VCALENDAR\r\n", file);
        Assert.DoesNotContain("\n", file.Replace("\r\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Long_lines_fold_at_75_octets_without_splitting_a_character()
    {
        var title = string.Concat(Enumerable.Repeat("Água é vida 💧 ", 12));
        var file = ICalendarWriter.Write(Quiz with { Title = title }, DateTime.UtcNow, LiveEventReports.ProductId);

        var lines = file.Split("\r\n");
        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}"));
        Assert.Contains("SUMMARY:" + ICalendarWriter.Text(title) + "\r\n", file.Replace("\r\n ", "", StringComparison.Ordinal));
        Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(file)));
    }
}
