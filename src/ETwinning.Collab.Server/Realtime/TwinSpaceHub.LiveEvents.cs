using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.LiveEvents;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Connections;
using Microsoft.AspNetCore.Mvc;

namespace ETwinning.Collab.Server.Realtime;

public sealed partial class TwinSpaceHub
{
    [RequiresPermission(TwinSpaceAction.JoinLiveEvents)]
    public Task<IReadOnlyList<LiveEventView>> ListLiveEvents(string twinSpaceId, [FromServices] LiveEventService events) => events.ListAsync(Member);

    [RequiresPermission(TwinSpaceAction.ManageLiveEvents)]
    public Task<LiveEventView> CreateLiveEvent(string twinSpaceId, CreateLiveEventRequest request, [FromServices] LiveEventService events) =>
        events.CreateAsync(Member, request);

    [PublicLiveEvent]
    [RequiresPermission(TwinSpaceAction.JoinLiveEvents)]
    public Task<LiveRegistrationView> RegisterForLiveEvent(string twinSpaceId, string eventId, [FromServices] LiveEventService events) =>
        events.RegisterAsync(Member, eventId);

    [PublicLiveEvent]
    [RequiresPermission(TwinSpaceAction.JoinLiveEvents)]
    public Task<LiveRegistrationView?> CancelLiveEventRegistration(string twinSpaceId, string eventId, [FromServices] LiveEventService events) =>
        events.CancelAsync(Member, eventId);

    [RequiresPermission(TwinSpaceAction.JoinLiveEvents)]
    public Task<IReadOnlyList<LiveRegistrationView>> ListMyLiveEventRegistrations(string twinSpaceId, [FromServices] LiveEventService events) =>
        events.MyRegistrationsAsync(Member);

    [RequiresPermission(TwinSpaceAction.HostLiveEvents, ResourceRule.HostLiveEvent)]
    public Task<IReadOnlyList<LiveRegistrationView>> ListLiveEventRegistrations(string twinSpaceId, string eventId, [FromServices] LiveEventService events) =>
        events.RegistrationsAsync(Member, eventId);

    /// <summary>
    /// Enters the event's scope (lobby included) and its group of the caller's language BEFORE reading it, so no lobby,
    /// poll or hands event falls in between.
    /// </summary>
    [PublicLiveEvent]
    [RequiresPermission(TwinSpaceAction.JoinLiveEvents, ResourceRule.AttendLiveEvent)]
    public Task<LiveEventJoined> JoinLiveEvent(
        string twinSpaceId, string eventId, [FromServices] LiveEventService events, [FromServices] PublicLiveEventNames names)
    {
        var language = ConnectionLanguage.Of(Context);
        return JoinWhileReadingAsync(ConnectionScope.LiveEvent(twinSpaceId, eventId ?? ""),
            () => JoinWhileReadingAsync(ConnectionScope.LiveEventLanguage(twinSpaceId, eventId ?? "", language.Name), async () =>
            {
                var joined = await names.ForCallerAsync(Member, language, await events.JoinAsync(Member, eventId));
                await LeaveLanguageGroupsAsync(other => ConnectionScope.LiveEventLanguage(twinSpaceId, eventId ?? "", other), keep: language.Name);
                return joined;
            }));
    }

    public async Task LeaveLiveEvent(string twinSpaceId, string eventId)
    {
        await LeaveAsync(ConnectionScope.LiveEvent(twinSpaceId ?? "", eventId ?? ""));
        await LeaveLanguageGroupsAsync(language => ConnectionScope.LiveEventLanguage(twinSpaceId ?? "", eventId ?? "", language));
    }

    [RequiresPermission(TwinSpaceAction.HostLiveEvents, ResourceRule.HostLiveEvent)]
    public Task<LiveEventView> StartLiveEvent(string twinSpaceId, string eventId, [FromServices] LiveEventService events) => events.StartAsync(Member, eventId);

    [RequiresPermission(TwinSpaceAction.HostLiveEvents, ResourceRule.HostLiveEvent)]
    public Task<LiveEventView> EndLiveEvent(string twinSpaceId, string eventId, [FromServices] LiveEventService events) => events.EndAsync(Member, eventId);

    [RequiresPermission(TwinSpaceAction.HostLiveEvents, ResourceRule.HostLiveEvent)]
    public Task<LivePollView> OpenLivePoll(string twinSpaceId, string eventId, OpenLivePollRequest request, [FromServices] LivePollService polls) =>
        polls.OpenAsync(Member, eventId, request);

    [RequiresPermission(TwinSpaceAction.HostLiveEvents, ResourceRule.HostLiveEvent)]
    public Task<LivePollView> CloseLivePoll(string twinSpaceId, string eventId, string pollId, [FromServices] LivePollService polls) =>
        polls.CloseAsync(Member, eventId, pollId);

    [RequiresPermission(TwinSpaceAction.HostLiveEvents, ResourceRule.HostLiveEvent)]
    public Task<LiveLeaderboard> RevealLiveQuizAnswer(string twinSpaceId, string eventId, string pollId, [FromServices] LivePollService polls) =>
        polls.RevealAsync(Member, eventId, pollId);

    [PublicLiveEvent]
    [RequiresPermission(TwinSpaceAction.JoinLiveEvents, ResourceRule.AttendLiveEvent)]
    public Task<LiveVoteReceipt> VoteInLivePoll(string twinSpaceId, string eventId, LiveVoteRequest request, [FromServices] LivePollService polls) =>
        polls.VoteAsync(Member, eventId, request);

    [PublicLiveEvent]
    [RequiresPermission(TwinSpaceAction.JoinLiveEvents)]
    public async Task<LiveLeaderboard> GetLiveLeaderboard(
        string twinSpaceId, string eventId, [FromServices] LivePollService polls, [FromServices] PublicLiveEventNames names) =>
        await names.ForCallerAsync(Member, ConnectionLanguage.Of(Context), await polls.LeaderboardAsync(Member, eventId));

    [PublicLiveEvent]
    [RequiresPermission(TwinSpaceAction.JoinLiveEvents, ResourceRule.AttendLiveEvent)]
    public Task<LiveQuestionView> AskLiveQuestion(string twinSpaceId, string eventId, AskLiveQuestionRequest request, [FromServices] LiveQuestionService questions) =>
        questions.AskAsync(Member, eventId, request);

    [PublicLiveEvent]
    [RequiresPermission(TwinSpaceAction.JoinLiveEvents, ResourceRule.AttendLiveEvent)]
    public async Task<LiveQuestionView> UpvoteLiveQuestion(
        string twinSpaceId, string eventId, string questionId, bool upvote, [FromServices] LiveQuestionService questions, [FromServices] PublicLiveEventNames names) =>
        await names.ForCallerAsync(Member, ConnectionLanguage.Of(Context), await questions.UpvoteAsync(Member, eventId, questionId, upvote));

    [PublicLiveEvent]
    [RequiresPermission(TwinSpaceAction.JoinLiveEvents, ResourceRule.AttendLiveEvent)]
    public async Task<IReadOnlyList<LiveQuestionView>> ListLiveQuestions(
        string twinSpaceId, string eventId, [FromServices] LiveQuestionService questions, [FromServices] PublicLiveEventNames names) =>
        await names.ForCallerAsync(Member, ConnectionLanguage.Of(Context), await questions.ListAsync(Member, eventId));

    [RequiresPermission(TwinSpaceAction.HostLiveEvents, ResourceRule.HostLiveEvent)]
    public Task<LiveQuestionView> SetLiveQuestionState(
        string twinSpaceId, string eventId, string questionId, LiveQuestionState state, [FromServices] LiveQuestionService questions) =>
        questions.SetStateAsync(Member, eventId, questionId, state);

    [PublicLiveEvent]
    [RequiresPermission(TwinSpaceAction.JoinLiveEvents, ResourceRule.AttendLiveEvent)]
    public async Task<IReadOnlyList<LiveHandView>> RaiseLiveHand(
        string twinSpaceId, string eventId, [FromServices] LiveEventService events, [FromServices] PublicLiveEventNames names) =>
        await names.ForCallerAsync(Member, ConnectionLanguage.Of(Context), await events.RaiseHandAsync(Member, eventId));

    /// <summary>Lowers the caller's hand (<paramref name="accountId"/> null) or, for hosts, anyone's.</summary>
    [PublicLiveEvent]
    [RequiresPermission(TwinSpaceAction.JoinLiveEvents, ResourceRule.AttendLiveEvent)]
    public async Task<IReadOnlyList<LiveHandView>> LowerLiveHand(
        string twinSpaceId, string eventId, string? accountId, [FromServices] LiveEventService events, [FromServices] PublicLiveEventNames names) =>
        await names.ForCallerAsync(Member, ConnectionLanguage.Of(Context), await events.LowerHandAsync(Member, eventId, accountId));

    [RequiresPermission(TwinSpaceAction.HostLiveEvents, ResourceRule.HostLiveEvent)]
    public Task<LiveEventView> PromoteLivePresenter(string twinSpaceId, string eventId, string accountId, [FromServices] LiveEventService events) =>
        events.PromoteAsync(Member, eventId, accountId);

    [RequiresPermission(TwinSpaceAction.JoinLiveEvents)]
    public Task<LiveEventSummary> GetLiveEventSummary(string twinSpaceId, string eventId, [FromServices] LiveEventReports reports) =>
        reports.SummaryAsync(Member, eventId);
}
