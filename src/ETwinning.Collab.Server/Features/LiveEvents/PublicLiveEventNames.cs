using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// Keeps pupils' names inside their TwinSpace. In a public event, people who are not members of the TwinSpace may be in
/// the audience, so a pupil is shown to them as "Pupil (country)": in what they ask for (leaderboard, questions, hands),
/// and in everything sent to the event's group, which outsiders are part of. Members and hosts still get names when they
/// ask; registrations, reports and the summary are for hosts and members only and are not touched.
/// </summary>
public sealed class PublicLiveEventNames(ITwinSpaceStore twinSpaces, ILiveEventStore events)
{
    public const string PupilLabel = "Pupil";

    /// <summary>How a pupil is named to outsiders: the word and their country, never their name or class.</summary>
    public static string Anonymous(string? country) => string.IsNullOrEmpty(country) ? PupilLabel : $"{PupilLabel} ({country})";

    public async Task<LiveEventJoined> ForCallerAsync(MemberContext member, LiveEventJoined joined) =>
        member.IsPublicAttendee
            ? joined with
            {
                Questions = await QuestionsAsync(member.TwinSpaceId, joined.Questions).ConfigureAwait(false),
                Hands = await HandsAsync(member.TwinSpaceId, joined.Hands).ConfigureAwait(false),
            }
            : joined;

    public async Task<IReadOnlyList<LiveHandView>> ForCallerAsync(MemberContext member, IReadOnlyList<LiveHandView> hands) =>
        member.IsPublicAttendee ? await HandsAsync(member.TwinSpaceId, hands).ConfigureAwait(false) : hands;

    public async Task<IReadOnlyList<LiveQuestionView>> ForCallerAsync(MemberContext member, IReadOnlyList<LiveQuestionView> questions) =>
        member.IsPublicAttendee ? await QuestionsAsync(member.TwinSpaceId, questions).ConfigureAwait(false) : questions;

    public async Task<LiveQuestionView> ForCallerAsync(MemberContext member, LiveQuestionView question) =>
        member.IsPublicAttendee ? await QuestionAsync(member.TwinSpaceId, question).ConfigureAwait(false) : question;

    public async Task<LiveLeaderboard> ForCallerAsync(MemberContext member, LiveLeaderboard leaderboard) =>
        member.IsPublicAttendee ? await LeaderboardAsync(member.TwinSpaceId, leaderboard).ConfigureAwait(false) : leaderboard;

    /// <summary>The event as the whole group may see it: anonymous pupils when the event is public.</summary>
    public async Task<LiveHandsEvent> ForAudienceAsync(LiveHandsEvent hands) =>
        await IsPublicAsync(hands.TwinSpaceId, hands.EventId).ConfigureAwait(false)
            ? hands with { Hands = await HandsAsync(hands.TwinSpaceId, hands.Hands).ConfigureAwait(false) }
            : hands;

    public async Task<LiveQuestionEvent> ForAudienceAsync(LiveQuestionEvent question) =>
        await IsPublicAsync(question.TwinSpaceId, question.EventId).ConfigureAwait(false)
            ? question with { Question = await QuestionAsync(question.TwinSpaceId, question.Question).ConfigureAwait(false) }
            : question;

    public async Task<LiveLeaderboardEvent> ForAudienceAsync(LiveLeaderboardEvent leaderboard) =>
        await IsPublicAsync(leaderboard.TwinSpaceId, leaderboard.EventId).ConfigureAwait(false)
            ? leaderboard with { Leaderboard = await LeaderboardAsync(leaderboard.TwinSpaceId, leaderboard.Leaderboard).ConfigureAwait(false) }
            : leaderboard;

    private async Task<bool> IsPublicAsync(string twinSpaceId, string eventId) =>
        (await events.FindEventAsync(twinSpaceId, eventId).ConfigureAwait(false))?.Audience == LiveEventAudience.PublicTeachers;

    /// <summary>The anonymous name when <paramref name="accountId"/> is a pupil of the TwinSpace, else null (keep the name).</summary>
    private async Task<string?> PupilNameAsync(string twinSpaceId, string? accountId) =>
        accountId is not null && await twinSpaces.FindMembershipAsync(twinSpaceId, accountId).ConfigureAwait(false) is { Kind: AccountKind.Pupil } pupil
            ? Anonymous(pupil.Country)
            : null;

    private async Task<IReadOnlyList<LiveHandView>> HandsAsync(string twinSpaceId, IReadOnlyList<LiveHandView> hands)
    {
        var shown = new List<LiveHandView>(hands.Count);
        foreach (var hand in hands)
            shown.Add(await PupilNameAsync(twinSpaceId, hand.AccountId).ConfigureAwait(false) is { } name ? hand with { DisplayName = name } : hand);
        return shown;
    }

    private async Task<LiveQuestionView> QuestionAsync(string twinSpaceId, LiveQuestionView question) =>
        question.AuthorName is not null && await PupilNameAsync(twinSpaceId, question.AuthorId).ConfigureAwait(false) is { } name
            ? question with { AuthorName = name }
            : question;

    private async Task<IReadOnlyList<LiveQuestionView>> QuestionsAsync(string twinSpaceId, IReadOnlyList<LiveQuestionView> questions)
    {
        var shown = new List<LiveQuestionView>(questions.Count);
        foreach (var question in questions) shown.Add(await QuestionAsync(twinSpaceId, question).ConfigureAwait(false));
        return shown;
    }

    /// <summary>Attendee lines only: schools are teachers' classes and countries are countries.</summary>
    private async Task<LiveLeaderboard> LeaderboardAsync(string twinSpaceId, LiveLeaderboard leaderboard)
    {
        var attendees = new List<LiveScore>(leaderboard.Attendees.Count);
        foreach (var score in leaderboard.Attendees)
            attendees.Add(await PupilNameAsync(twinSpaceId, score.Key).ConfigureAwait(false) is { } name ? score with { Name = name } : score);
        return leaderboard with { Attendees = attendees };
    }
}
