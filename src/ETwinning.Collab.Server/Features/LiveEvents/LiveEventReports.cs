using System.Globalization;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// What an event leaves behind: its calendar file, the attendance report and the poll and quiz results (CSV, for
/// certificates), and the summary that stays in the TwinSpace (questions, polls with final tallies, leaderboard).
/// </summary>
public sealed class LiveEventReports(ILiveEventStore store, LiveEventAccess access, LivePollService polls, TimeProvider clock)
{
    public const string ProductId = "-//eTwinning Collab//Live events//EN";

    public async Task<string> CalendarAsync(MemberContext member, string? eventId, CancellationToken cancellationToken = default)
    {
        var liveEvent = await access.EventAsync(member.TwinSpaceId, eventId, cancellationToken).ConfigureAwait(false);
        return ICalendarWriter.Write(liveEvent, clock.GetUtcNow().UtcDateTime, ProductId);
    }

    /// <summary>Per attendee: first join, last leave, and minutes attended while the event was live (stretches merged).</summary>
    public async Task<string> AttendanceCsvAsync(MemberContext member, string? eventId, CancellationToken cancellationToken = default)
    {
        var (liveEvent, _) = await access.DemandAsync(member, eventId, ResourceRule.HostLiveEvent, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        var liveFrom = liveEvent.StartedAt ?? DateTime.MaxValue;
        var liveTo = liveEvent.EndedAt ?? now;
        var csv = new LiveCsv().Row("account_id", "name", "first_joined_utc", "last_left_utc", "minutes_attended", "stretches");
        foreach (var stretches in (await store.AttendanceAsync(member.TwinSpaceId, liveEvent.Id, cancellationToken).ConfigureAwait(false)).GroupBy(a => a.AccountId))
        {
            var minutes = Merge(stretches.Select(a => (From: Max(a.JoinedAt, liveFrom), To: Min(a.LeftAt ?? now, liveTo))).Where(s => s.To > s.From))
                .Sum(s => (s.To - s.From).TotalMinutes);
            var lastLeft = stretches.Any(a => a.LeftAt is null) ? null : stretches.Max(a => a.LeftAt);
            csv.Row(stretches.Key, stretches.First().DisplayName, Stamp(stretches.Min(a => a.JoinedAt)), lastLeft is { } left ? Stamp(left) : "",
                Math.Round(minutes, 1).ToString(CultureInfo.InvariantCulture), stretches.Count());
        }
        return csv.ToString();
    }

    /// <summary>Each poll and quiz question with its options and final counts, then each vote (names as the poll's anonymity allows).</summary>
    public async Task<string> ResultsCsvAsync(MemberContext member, string? eventId, CancellationToken cancellationToken = default)
    {
        var (liveEvent, _) = await access.DemandAsync(member, eventId, ResourceRule.HostLiveEvent, cancellationToken).ConfigureAwait(false);
        var csv = new LiveCsv().Row("poll_id", "kind", "question", "option", "option_text", "votes", "correct", "voter", "points", "answered_at_utc");
        var votes = (await store.EventVotesAsync(member.TwinSpaceId, liveEvent.Id, cancellationToken).ConfigureAwait(false)).ToLookup(v => v.PollId);
        foreach (var poll in await store.PollsAsync(member.TwinSpaceId, liveEvent.Id, cancellationToken).ConfigureAwait(false))
        {
            for (var option = 0; option < poll.Options.Count; option++)
                csv.Row(poll.Id, poll.Kind, poll.Question, option, poll.Options[option], poll.Tally[option],
                    poll.Kind == LivePollKind.Quiz ? (poll.CorrectOption == option ? "yes" : "no") : "", "", "", "");
            foreach (var vote in votes[poll.Id])
                csv.Row(poll.Id, poll.Kind, poll.Question, string.Join(" ", vote.Choices), string.Join(" | ", vote.Choices.Select(c => poll.Options[c])), "",
                    "", vote.VoterName ?? "anonymous", poll.Revealed ? vote.Points : 0, Stamp(vote.At));
        }
        return csv.ToString();
    }

    /// <summary>The replayable record of the event, for every member of the TwinSpace (hidden questions left out).</summary>
    public async Task<LiveEventSummary> SummaryAsync(MemberContext member, string? eventId, CancellationToken cancellationToken = default)
    {
        var liveEvent = await access.EventAsync(member.TwinSpaceId, eventId, cancellationToken).ConfigureAwait(false);
        var pollViews = (await store.PollsAsync(member.TwinSpaceId, liveEvent.Id, cancellationToken).ConfigureAwait(false)).Select(p => p.View()).ToList();
        var questions = (await store.QuestionsAsync(member.TwinSpaceId, liveEvent.Id, cancellationToken).ConfigureAwait(false))
            .Where(q => q.State != LiveQuestionState.Hidden).Select(q => q.View(forHost: false)).ToList();
        var leaderboard = await polls.LeaderboardOfAsync(member.TwinSpaceId, liveEvent.Id, cancellationToken).ConfigureAwait(false);
        return new LiveEventSummary(liveEvent.View(), pollViews, questions, leaderboard);
    }

    private static IEnumerable<(DateTime From, DateTime To)> Merge(IEnumerable<(DateTime From, DateTime To)> stretches)
    {
        (DateTime From, DateTime To)? current = null;
        foreach (var stretch in stretches.OrderBy(s => s.From))
        {
            if (current is { } open && stretch.From <= open.To) current = (open.From, Max(open.To, stretch.To));
            else
            {
                if (current is { } done) yield return done;
                current = stretch;
            }
        }
        if (current is { } last) yield return last;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
    private static string Stamp(DateTime at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
