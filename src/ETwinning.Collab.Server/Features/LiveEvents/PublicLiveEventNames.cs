using System.Globalization;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Localization;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// Keeps pupils' names inside their TwinSpace. In a public event, people who are not members of the TwinSpace may be in
/// the audience, so a pupil is shown to them as "Pupil (country)": in what they ask for (leaderboard, questions, hands),
/// and in everything sent to the event's group, which outsiders are part of. Members and hosts still get names when they
/// ask; registrations, reports and the summary are for hosts and members only and are not touched. The words are the
/// server's message catalogue's, in the language of whoever reads them.
/// </summary>
public sealed class PublicLiveEventNames(ITwinSpaceStore twinSpaces, ILiveEventStore events)
{
    private const string PupilKey = "LiveEvent_AnonymousPupil";
    private const string PupilOfCountryKey = "LiveEvent_AnonymousPupilOfCountry";

    /// <summary>How a pupil is named to outsiders: the word and their country, never their name or class.</summary>
    public static string Anonymous(string? country, CultureInfo culture) =>
        string.IsNullOrEmpty(country)
            ? ServerMessages.Template(PupilKey, culture) ?? PupilKey
            : string.Format(culture, ServerMessages.Template(PupilOfCountryKey, culture) ?? PupilOfCountryKey, country);

    public async Task<LiveEventJoined> ForCallerAsync(MemberContext member, CultureInfo culture, LiveEventJoined joined) =>
        member.IsPublicAttendee
            ? joined with
            {
                Questions = await QuestionsAsync(member.TwinSpaceId, joined.Questions, culture).ConfigureAwait(false),
                Hands = await HandsAsync(member.TwinSpaceId, joined.Hands, culture).ConfigureAwait(false),
            }
            : joined;

    public async Task<IReadOnlyList<LiveHandView>> ForCallerAsync(MemberContext member, CultureInfo culture, IReadOnlyList<LiveHandView> hands) =>
        member.IsPublicAttendee ? await HandsAsync(member.TwinSpaceId, hands, culture).ConfigureAwait(false) : hands;

    public async Task<IReadOnlyList<LiveQuestionView>> ForCallerAsync(MemberContext member, CultureInfo culture, IReadOnlyList<LiveQuestionView> questions) =>
        member.IsPublicAttendee ? await QuestionsAsync(member.TwinSpaceId, questions, culture).ConfigureAwait(false) : questions;

    public async Task<LiveQuestionView> ForCallerAsync(MemberContext member, CultureInfo culture, LiveQuestionView question) =>
        member.IsPublicAttendee ? await QuestionAsync(member.TwinSpaceId, question, culture).ConfigureAwait(false) : question;

    public async Task<LiveLeaderboard> ForCallerAsync(MemberContext member, CultureInfo culture, LiveLeaderboard leaderboard) =>
        member.IsPublicAttendee ? await LeaderboardAsync(member.TwinSpaceId, leaderboard, culture).ConfigureAwait(false) : leaderboard;

    /// <summary>A public event's event as the whole group may see it, in one language: anonymous pupils.</summary>
    /// <summary>True when outsiders may be in the event's audience, so what is sent to it names pupils anonymously.</summary>
    public Task<bool> IsPublicEventAsync(string twinSpaceId, string eventId) => IsPublicAsync(twinSpaceId, eventId);

    public async Task<LiveHandsEvent> ForAudienceAsync(LiveHandsEvent hands, CultureInfo culture) =>
        hands with { Hands = await HandsAsync(hands.TwinSpaceId, hands.Hands, culture).ConfigureAwait(false) };

    public async Task<LiveQuestionEvent> ForAudienceAsync(LiveQuestionEvent question, CultureInfo culture) =>
        question with { Question = await QuestionAsync(question.TwinSpaceId, question.Question, culture).ConfigureAwait(false) };

    public async Task<LiveLeaderboardEvent> ForAudienceAsync(LiveLeaderboardEvent leaderboard, CultureInfo culture) =>
        leaderboard with { Leaderboard = await LeaderboardAsync(leaderboard.TwinSpaceId, leaderboard.Leaderboard, culture).ConfigureAwait(false) };

    /// <summary>True when <paramref name="channelId"/> is the chat of a public event, whose outsiders must not see pupils' names.</summary>
    public async Task<bool> IsPublicChatAsync(string twinSpaceId, string channelId) =>
        LiveEventChatAudience.EventIdOf(channelId) is { } eventId && await IsPublicAsync(twinSpaceId, eventId).ConfigureAwait(false);

    /// <summary>A chat message as an outsider may see it: a pupil author named anonymously.</summary>
    public async Task<ChatMessageView> ForOutsiderAsync(ChatMessageView message, CultureInfo culture) =>
        await PupilNameAsync(message.TwinSpaceId, message.AuthorId, culture).ConfigureAwait(false) is { } name ? message with { AuthorName = name } : message;

    public async Task<ChatTypingEvent> ForOutsiderAsync(ChatTypingEvent typing, CultureInfo culture) =>
        await PupilNameAsync(typing.TwinSpaceId, typing.AccountId, culture).ConfigureAwait(false) is { } name ? typing with { DisplayName = name } : typing;

    public async Task<ChatMessageView> ForCallerAsync(MemberContext member, CultureInfo culture, ChatMessageView message) =>
        member.IsPublicAttendee ? await ForOutsiderAsync(message, culture).ConfigureAwait(false) : message;

    public async Task<SendChatMessageResult> ForCallerAsync(MemberContext member, CultureInfo culture, SendChatMessageResult sent) =>
        member.IsPublicAttendee ? sent with { Message = await ForOutsiderAsync(sent.Message, culture).ConfigureAwait(false) } : sent;

    public async Task<ChatHistoryPage> ForCallerAsync(MemberContext member, CultureInfo culture, ChatHistoryPage page) =>
        member.IsPublicAttendee ? page with { Messages = await MessagesAsync(page.Messages, culture).ConfigureAwait(false) } : page;

    public async Task<ChatRecoveryPage> ForCallerAsync(MemberContext member, CultureInfo culture, ChatRecoveryPage page) =>
        member.IsPublicAttendee
            ? page with
            {
                Messages = await MessagesAsync(page.Messages, culture).ConfigureAwait(false),
                Changed = await MessagesAsync(page.Changed, culture).ConfigureAwait(false),
            }
            : page;

    /// <summary>A report's receipt carries the reported message's author: a pupil stays anonymous to the outsider who reported.</summary>
    public async Task<ReviewItemView> ForCallerAsync(MemberContext member, CultureInfo culture, ReviewItemView report) =>
        member.IsPublicAttendee && await PupilNameAsync(member.TwinSpaceId, report.AuthorId, culture).ConfigureAwait(false) is { } name
            ? report with { AuthorName = name }
            : report;

    private async Task<IReadOnlyList<ChatMessageView>> MessagesAsync(IReadOnlyList<ChatMessageView> messages, CultureInfo culture)
    {
        // One membership read per author, not per message: a page is mostly a few people talking.
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        var shown = new List<ChatMessageView>(messages.Count);
        foreach (var message in messages)
        {
            if (!names.TryGetValue(message.AuthorId, out var name))
                names[message.AuthorId] = name = await PupilNameAsync(message.TwinSpaceId, message.AuthorId, culture).ConfigureAwait(false);
            shown.Add(name is null ? message : message with { AuthorName = name });
        }
        return shown;
    }

    private async Task<bool> IsPublicAsync(string twinSpaceId, string eventId) =>
        (await events.FindEventAsync(twinSpaceId, eventId).ConfigureAwait(false))?.Audience == LiveEventAudience.PublicTeachers;

    /// <summary>The anonymous name when <paramref name="accountId"/> is a pupil of the TwinSpace, else null (keep the name).</summary>
    private async Task<string?> PupilNameAsync(string twinSpaceId, string? accountId, CultureInfo culture) =>
        accountId is not null && await twinSpaces.FindMembershipAsync(twinSpaceId, accountId).ConfigureAwait(false) is { Kind: AccountKind.Pupil } pupil
            ? Anonymous(pupil.Country, culture)
            : null;

    private async Task<IReadOnlyList<LiveHandView>> HandsAsync(string twinSpaceId, IReadOnlyList<LiveHandView> hands, CultureInfo culture)
    {
        var shown = new List<LiveHandView>(hands.Count);
        foreach (var hand in hands)
            shown.Add(await PupilNameAsync(twinSpaceId, hand.AccountId, culture).ConfigureAwait(false) is { } name ? hand with { DisplayName = name } : hand);
        return shown;
    }

    private async Task<LiveQuestionView> QuestionAsync(string twinSpaceId, LiveQuestionView question, CultureInfo culture) =>
        question.AuthorName is not null && await PupilNameAsync(twinSpaceId, question.AuthorId, culture).ConfigureAwait(false) is { } name
            ? question with { AuthorName = name }
            : question;

    private async Task<IReadOnlyList<LiveQuestionView>> QuestionsAsync(string twinSpaceId, IReadOnlyList<LiveQuestionView> questions, CultureInfo culture)
    {
        var shown = new List<LiveQuestionView>(questions.Count);
        foreach (var question in questions) shown.Add(await QuestionAsync(twinSpaceId, question, culture).ConfigureAwait(false));
        return shown;
    }

    /// <summary>Attendee lines only: schools are teachers' classes and countries are countries.</summary>
    private async Task<LiveLeaderboard> LeaderboardAsync(string twinSpaceId, LiveLeaderboard leaderboard, CultureInfo culture)
    {
        var attendees = new List<LiveScore>(leaderboard.Attendees.Count);
        foreach (var score in leaderboard.Attendees)
            attendees.Add(await PupilNameAsync(twinSpaceId, score.Key, culture).ConfigureAwait(false) is { } name ? score with { Name = name } : score);
        return leaderboard with { Attendees = attendees };
    }
}
