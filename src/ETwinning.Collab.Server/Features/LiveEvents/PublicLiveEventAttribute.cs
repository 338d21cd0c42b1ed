namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// Marks a hub method that a validated teacher who is not a member of the TwinSpace may call for a public event: its
/// first argument is the TwinSpace id and its second names the event, as <see cref="From"/> says, and
/// <see cref="PublicLiveEventGate"/> decides instead of the membership check. Every method without it stays members-only,
/// so an outsider reaches nothing else.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PublicLiveEventAttribute(PublicLiveEventSource from = PublicLiveEventSource.EventId) : Attribute
{
    public PublicLiveEventSource From { get; } = from;
}
