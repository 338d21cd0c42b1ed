namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// A cancellation: the registration now cancelled (null when there was nothing to cancel), the first of the waiting
/// list promoted into the freed seat in the same write (if any), and the event as stored after it.
/// </summary>
public sealed record LiveCancellationResult(LiveRegistration? Cancelled, LiveRegistration? Promoted, LiveEvent? Event);
