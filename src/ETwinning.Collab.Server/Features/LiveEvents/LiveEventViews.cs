using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>Records to protocol views.</summary>
public static class LiveEventViews
{
    public static LiveEventView View(this LiveEvent e) => new(
        e.Id, e.TwinSpaceId, e.Title, e.Description, e.StartsAt, e.DurationMinutes, e.TimeZone, e.Capacity, e.Audience,
        e.HostIds, e.CoHostIds, e.PresenterIds, e.State, e.StartedAt, e.EndedAt, e.RegisteredCount, e.WaitlistCount,
        LiveEventChatAudience.ChannelIdOf(e.Id));

    /// <summary>The correct option only once revealed.</summary>
    public static LivePollView View(this LivePoll p) => new(
        p.Id, p.EventId, p.Kind, p.Question, p.Options, p.AllowMultiple, p.Anonymous ?? false, p.OpenedAt, p.ClosesAt, p.ClosedAt,
        p.Revealed ? p.CorrectOption : null, p.Tally, p.Voters);

    /// <summary>Anonymous questions show their author only to hosts; hidden ones show their text only to hosts.</summary>
    public static LiveQuestionView View(this LiveQuestion q, bool forHost)
    {
        var named = forHost || !q.Anonymous;
        var text = forHost || q.State != LiveQuestionState.Hidden ? q.Text : "";
        return new(q.Id, q.EventId, named ? q.AuthorId : null, named ? q.AuthorName : null, text, q.AskedAt, q.State, q.UpvoterIds.Count);
    }

    public static LiveHandView View(this LiveHand h) => new(h.AccountId, h.DisplayName, h.RaisedAt);

    public static LiveRegistrationView View(this LiveRegistration r, int? waitlistRank) =>
        new(r.EventId, r.AccountId, r.DisplayName, r.Status, r.Status == LiveRegistrationStatus.Waitlisted ? waitlistRank : null);
}
