namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>The stored message, and whether it was stored by an earlier send with the same client id.</summary>
public sealed record ChatAppendResult(ChatMessage Message, bool Duplicate);
