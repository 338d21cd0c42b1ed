using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>Q&amp;A: admitted attendees ask and upvote (each once); hosts mark questions answered or hide them.</summary>
public sealed class LiveQuestionService(
    ILiveEventStore store, LiveEventAccess access, LiveEventStateMachine machine, LiveQuestionRateLimits limits,
    ILiveEventNotifier notifier, IOptions<LiveEventOptions> options)
{
    public async Task<LiveQuestionView> AskAsync(MemberContext member, string? eventId, AskLiveQuestionRequest? request, CancellationToken cancellationToken = default)
    {
        request = Require.NotNull(request, "request");
        var text = LiveText.Required(request.Text, "Question", options.Value.MaxQuestionCharacters);
        var liveEvent = await AdmittedAsync(member, eventId, cancellationToken).ConfigureAwait(false);
        await limits.TakeQuestionAsync(member.AccountId, cancellationToken).ConfigureAwait(false);
        var question = new LiveQuestion
        {
            Id = Ids.New(),
            EventId = liveEvent.Id,
            AuthorId = member.AccountId,
            AuthorName = member.Membership.DisplayName,
            Anonymous = request.Anonymous,
            Text = text,
            AskedAt = machine.Now,
        };
        await store.AddQuestionAsync(member.TwinSpaceId, question, cancellationToken).ConfigureAwait(false);
        await notifier.QuestionChangedAsync(new(member.TwinSpaceId, liveEvent.Id, question.View(forHost: false))).ConfigureAwait(false);
        return question.View(forHost: true);
    }

    public async Task<LiveQuestionView> UpvoteAsync(MemberContext member, string? eventId, string? questionId, bool upvote, CancellationToken cancellationToken = default)
    {
        var liveEvent = await AdmittedAsync(member, eventId, cancellationToken).ConfigureAwait(false);
        var question = await FindAsync(member.TwinSpaceId, liveEvent.Id, questionId, cancellationToken).ConfigureAwait(false);
        if (question.State == LiveQuestionState.Hidden) throw CollabException.NotFound("No such question in this event.").WithKey("LiveEvent_NoQuestion");
        var stored = await store.SetUpvoteAsync(member.TwinSpaceId, question.Id, member.AccountId, upvote, cancellationToken).ConfigureAwait(false)
            ?? throw CollabException.NotFound("No such question in this event.").WithKey("LiveEvent_NoQuestion");
        await notifier.QuestionChangedAsync(new(member.TwinSpaceId, liveEvent.Id, stored.View(forHost: false))).ConfigureAwait(false);
        return stored.View(forHost: false);
    }

    public async Task<LiveQuestionView> SetStateAsync(
        MemberContext member, string? eventId, string? questionId, LiveQuestionState state, CancellationToken cancellationToken = default)
    {
        var (liveEvent, _) = await access.DemandAsync(member, eventId, ResourceRule.HostLiveEvent, cancellationToken).ConfigureAwait(false);
        if (!Enum.IsDefined(state)) throw CollabException.Invalid("Unknown question state.").WithKey("LiveEvent_QuestionState");
        var question = await FindAsync(member.TwinSpaceId, liveEvent.Id, questionId, cancellationToken).ConfigureAwait(false);
        var stored = (await store.SetQuestionStateAsync(member.TwinSpaceId, question.Id, state, cancellationToken).ConfigureAwait(false))!;
        await notifier.QuestionChangedAsync(new(member.TwinSpaceId, liveEvent.Id, stored.View(forHost: false))).ConfigureAwait(false);
        return stored.View(forHost: true);
    }

    public async Task<IReadOnlyList<LiveQuestionView>> ListAsync(MemberContext member, string? eventId, CancellationToken cancellationToken = default)
    {
        var (liveEvent, participant) = await access.DemandAsync(member, eventId, ResourceRule.AttendLiveEvent, cancellationToken).ConfigureAwait(false);
        return (await store.QuestionsAsync(member.TwinSpaceId, liveEvent.Id, cancellationToken).ConfigureAwait(false))
            .Where(q => participant.CanHost || q.State != LiveQuestionState.Hidden).Select(q => q.View(participant.CanHost)).ToList();
    }

    private async Task<LiveEvent> AdmittedAsync(MemberContext member, string? eventId, CancellationToken cancellationToken)
    {
        var (liveEvent, participant) = await access.DemandAsync(member, eventId, ResourceRule.AttendLiveEvent, cancellationToken).ConfigureAwait(false);
        var supervised = !participant.NeedsSupervision
            || LiveEventAccess.SupervisorPresent(liveEvent);
        machine.RequireAdmitted(liveEvent, participant, supervised);
        return liveEvent;
    }

    private async Task<LiveQuestion> FindAsync(string twinSpaceId, string eventId, string? questionId, CancellationToken cancellationToken)
    {
        var question = await store.FindQuestionAsync(twinSpaceId, Require.Id(questionId, "questionId"), cancellationToken).ConfigureAwait(false);
        return question is not null && question.EventId == eventId
            ? question
            : throw CollabException.NotFound("No such question in this event.").WithKey("LiveEvent_NoQuestion");
    }
}
