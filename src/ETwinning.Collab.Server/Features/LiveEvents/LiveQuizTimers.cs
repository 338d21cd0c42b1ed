using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// Closes a timed quiz question when its timer runs out, so the final tally reaches everyone without a host's click.
/// The timer lives on the node that opened the question; if that node stops, answers after the timer are still refused
/// (the store compares each answer's time with the timer) and a host's close or reveal publishes the result.
/// </summary>
public sealed partial class LiveQuizTimers(IServiceProvider services, TimeProvider clock, ILogger<LiveQuizTimers> logger)
{
    public void CloseAt(MemberContext member, string pollId, DateTime closesAt)
    {
        var twinSpaceId = member.TwinSpaceId;
        var due = closesAt - clock.GetUtcNow().UtcDateTime;
        _ = CloseLaterAsync(twinSpaceId, pollId, due < TimeSpan.Zero ? TimeSpan.Zero : due);
    }

    private async Task CloseLaterAsync(string twinSpaceId, string pollId, TimeSpan due)
    {
        try
        {
            await Task.Delay(due, clock).ConfigureAwait(false);
            var store = services.GetRequiredService<ILiveEventStore>();
            if (await store.FindPollAsync(twinSpaceId, pollId).ConfigureAwait(false) is not { ClosedAt: null } poll) return;
            await services.GetRequiredService<LivePollService>().CloseOnTimerAsync(twinSpaceId, poll.EventId, pollId).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            LogCloseFailed(error, pollId);
        }
    }

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "Closing quiz question {PollId} on its timer failed")]
    private partial void LogCloseFailed(Exception error, string pollId);
}
