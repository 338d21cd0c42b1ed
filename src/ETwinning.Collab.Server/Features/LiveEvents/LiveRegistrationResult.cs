namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>The outcome of registering, with the registration and event as stored after the write.</summary>
public sealed record LiveRegistrationResult(LiveRegistrationOutcome Outcome, LiveRegistration? Registration, LiveEvent? Event);
