namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>The outcome of storing a reply, decided atomically with the numbering.</summary>
public sealed record AddReplyResult(AddReplyOutcome Outcome, ForumThread? Thread, ForumPost? Reply);
