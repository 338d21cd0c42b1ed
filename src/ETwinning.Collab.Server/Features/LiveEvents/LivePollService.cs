using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// Polls and quizzes: hosts open, close and reveal; attendees vote once. A vote is counted by the store's vote operation
/// (one per poll and account, by key), so a retry, a second tab or a second node never counts twice. Running tallies go
/// out coalesced (<see cref="LiveTallyCoalescer"/>); the final tally goes to everyone when the poll closes.
/// </summary>
public sealed class LivePollService(
    ILiveEventStore store, LiveEventAccess access, LiveEventStateMachine machine, LiveTallyCoalescer tallies,
    ILiveEventNotifier notifier, LiveQuizTimers timers)
{
    public async Task<LivePollView> OpenAsync(MemberContext member, string? eventId, OpenLivePollRequest? request, CancellationToken cancellationToken = default)
    {
        var (liveEvent, _) = await access.DemandAsync(member, eventId, ResourceRule.HostLiveEvent, cancellationToken).ConfigureAwait(false);
        var poll = await store.AddPollAsync(member.TwinSpaceId, machine.OpenPoll(liveEvent, Require.NotNull(request, "request"), Ids.New()), cancellationToken)
            .ConfigureAwait(false);
        await notifier.PollChangedAsync(new(member.TwinSpaceId, liveEvent.Id, poll.View())).ConfigureAwait(false);
        if (poll.ClosesAt is { } closesAt) timers.CloseAt(member, poll.Id, closesAt);
        return poll.View();
    }

    public async Task<LivePollView> CloseAsync(MemberContext member, string? eventId, string? pollId, CancellationToken cancellationToken = default)
    {
        var (liveEvent, _) = await access.DemandAsync(member, eventId, ResourceRule.HostLiveEvent, cancellationToken).ConfigureAwait(false);
        return (await ChangePollAsync(member.TwinSpaceId, liveEvent.Id, pollId, machine.Close, cancellationToken).ConfigureAwait(false)).View();
    }

    /// <summary>Closes the poll when its timer runs out (on the node that opened it; a host's close does the same on any node).</summary>
    public async Task CloseOnTimerAsync(string twinSpaceId, string eventId, string pollId, CancellationToken cancellationToken = default) =>
        await ChangePollAsync(twinSpaceId, eventId, pollId, machine.CloseAtTimer, cancellationToken).ConfigureAwait(false);

    public async Task<LiveLeaderboard> RevealAsync(MemberContext member, string? eventId, string? pollId, CancellationToken cancellationToken = default)
    {
        var (liveEvent, _) = await access.DemandAsync(member, eventId, ResourceRule.HostLiveEvent, cancellationToken).ConfigureAwait(false);
        var poll = await ChangePollAsync(member.TwinSpaceId, liveEvent.Id, pollId, machine.Reveal, cancellationToken).ConfigureAwait(false);
        var leaderboard = await LeaderboardOfAsync(member.TwinSpaceId, liveEvent.Id, cancellationToken).ConfigureAwait(false);
        await notifier.LeaderboardAsync(new(member.TwinSpaceId, liveEvent.Id, poll.Id, leaderboard)).ConfigureAwait(false);
        return leaderboard;
    }

    public async Task<LiveVoteReceipt> VoteAsync(MemberContext member, string? eventId, LiveVoteRequest? request, CancellationToken cancellationToken = default)
    {
        request = Require.NotNull(request, "request");
        var clientId = Require.Text(request.ClientId, "clientId", 1, 100);
        var at = machine.Now;
        var (liveEvent, participant) = await access.DemandAsync(member, eventId, ResourceRule.AttendLiveEvent, cancellationToken).ConfigureAwait(false);
        var poll = await FindAsync(member.TwinSpaceId, liveEvent.Id, request.PollId, cancellationToken).ConfigureAwait(false);
        var choices = LiveEventStateMachine.Choices(poll, request.Choices);
        var supervised = !participant.NeedsSupervision
            || LiveEventAccess.SupervisorPresent(liveEvent);
        machine.RequireAdmitted(liveEvent, participant, supervised);
        var named = poll.Anonymous is { } anonymous ? !anonymous : !participant.IsPupil;
        var result = await store.CastVoteAsync(member.TwinSpaceId, new LiveVote
        {
            Id = LiveVote.KeyOf(poll.Id, member.AccountId),
            EventId = liveEvent.Id,
            PollId = poll.Id,
            AccountId = member.AccountId,
            ClientId = clientId,
            Choices = choices,
            At = at,
            Points = machine.PointsFor(poll, choices, at),
            VoterName = named ? participant.DisplayName : null,
        }, cancellationToken).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case LiveVoteOutcome.Counted:
                tallies.Changed(member.TwinSpaceId, liveEvent.Id, poll.Id);
                break;
            case LiveVoteOutcome.Repeated:
                break;
            default:
                throw LiveEventStateMachine.Refusal(result.Outcome, result.Poll, at);
        }
        return new LiveVoteReceipt(poll.Id, result.Vote!.Choices, result.Vote.At);
    }

    public async Task<LiveLeaderboard> LeaderboardAsync(MemberContext member, string? eventId, CancellationToken cancellationToken = default)
    {
        var liveEvent = await access.EventAsync(member.TwinSpaceId, eventId, cancellationToken).ConfigureAwait(false);
        return await LeaderboardOfAsync(member.TwinSpaceId, liveEvent.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Points of revealed quiz questions only, per attendee, per school and per country; best first.</summary>
    public async Task<LiveLeaderboard> LeaderboardOfAsync(string twinSpaceId, string eventId, CancellationToken cancellationToken = default)
    {
        var revealed = (await store.PollsAsync(twinSpaceId, eventId, cancellationToken).ConfigureAwait(false))
            .Where(p => p.Kind == LivePollKind.Quiz && p.Revealed).Select(p => p.Id).ToHashSet();
        var votes = (await store.EventVotesAsync(twinSpaceId, eventId, cancellationToken).ConfigureAwait(false)).Where(v => revealed.Contains(v.PollId)).ToList();
        var registrations = (await store.RegistrationsAsync(twinSpaceId, eventId, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.AccountId);
        var scored = votes.Select(v => (Vote: v, Registration: registrations.GetValueOrDefault(v.AccountId))).ToList();
        return new LiveLeaderboard(
            Rank(scored, s => s.Vote.AccountId, s => s.Registration?.DisplayName ?? s.Vote.VoterName ?? ""),
            Rank(scored, s => s.Registration?.School ?? "", s => s.Registration?.School ?? ""),
            Rank(scored, s => s.Registration?.Country ?? "", s => s.Registration?.Country ?? ""));
    }

    private static List<LiveScore> Rank(
        List<(LiveVote Vote, LiveRegistration? Registration)> scored,
        Func<(LiveVote Vote, LiveRegistration? Registration), string> key, Func<(LiveVote Vote, LiveRegistration? Registration), string> name) =>
        scored.GroupBy(key)
            .Select(g => new LiveScore(g.Key, name(g.First()), g.Sum(s => s.Vote.Points), g.Count(s => s.Vote.Points > 0)))
            .OrderByDescending(s => s.Points).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();

    private async Task<LivePoll> ChangePollAsync(
        string twinSpaceId, string eventId, string? pollId, Func<LivePoll, LivePoll> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var poll = await FindAsync(twinSpaceId, eventId, pollId, cancellationToken).ConfigureAwait(false);
            var changed = change(poll);
            if (changed == poll) return poll;
            if (await store.TryReplacePollAsync(twinSpaceId, changed, poll.Version, cancellationToken).ConfigureAwait(false) is not { } stored) continue;
            // The close is the moment the result is final: everyone gets it, on every node, not coalesced.
            tallies.Forget(twinSpaceId, eventId, stored.Id);
            await notifier.PollChangedAsync(new(twinSpaceId, eventId, stored.View())).ConfigureAwait(false);
            await notifier.TallyAsync(new(twinSpaceId, eventId, stored.Id, stored.Tally, stored.Voters, Final: true)).ConfigureAwait(false);
            return stored;
        }
    }

    private async Task<LivePoll> FindAsync(string twinSpaceId, string eventId, string? pollId, CancellationToken cancellationToken)
    {
        var poll = await store.FindPollAsync(twinSpaceId, Require.Id(pollId, "pollId"), cancellationToken).ConfigureAwait(false);
        return poll is not null && poll.EventId == eventId ? poll : throw CollabException.NotFound("No such poll in this event.").WithKey("LiveEvent_NoPoll");
    }
}
