using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// How one member stands in one event, worked out from the event, their registration and the permission matrix:
/// what the state machine needs to decide, with no role names of its own.
/// </summary>
public sealed record LiveParticipant(
    string AccountId, string DisplayName, LiveEventRole Role, bool CanHost, bool NeedsSupervision, bool Supervises, bool IsPupil);
