using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Features.Chat;

public sealed class ChatOptions : IValidatableObject
{
    public const string Section = "Chat";

    [Range(1, 100_000)] public int MaxMessageLength { get; set; } = 4_000;

    /// <summary>How long after sending the author may still edit a message.</summary>
    [Range(0, 86_400)] public int EditWindowSeconds { get; set; } = 900;

    /// <summary>Sustained messages per minute per teacher account (token bucket refill).</summary>
    [Range(1, 10_000_000)] public int MessagesPerMinute { get; set; } = 60;

    /// <summary>Messages a teacher may send in a burst (token bucket size).</summary>
    [Range(1, 1_000_000)] public int MessageBurst { get; set; } = 20;

    /// <summary>Stricter for pupils: sustained messages per minute per pupil.</summary>
    [Range(1, 10_000_000)] public int PupilMessagesPerMinute { get; set; } = 20;

    [Range(1, 1_000_000)] public int PupilMessageBurst { get; set; } = 8;

    /// <summary>Members of a breakout or room channel (general and teachers' channels follow the TwinSpace).</summary>
    [Range(2, 10_000)] public int MaxChannelMembers { get; set; } = 100;

    [Range(1, 200)] public int MaxChannelTitleLength { get; set; } = 80;

    [Range(1, 1_000)] public int DefaultPageSize { get; set; } = 50;

    [Range(1, 1_000)] public int MaxPageSize { get; set; } = 200;

    /// <summary>
    /// The largest gap "since N" replays; beyond it the client is told to reload the latest page instead of
    /// downloading a long backlog message by message.
    /// </summary>
    [Range(1, 1_000_000)] public int MaxRecoveryGapMessages { get; set; } = 5_000;

    /// <summary>
    /// A send repeating the client id of one of the TwinSpace's last this-many messages (same channel and author)
    /// is answered with the stored message instead of being stored again. Clients retry within seconds or minutes;
    /// the window only has to be longer than that.
    /// </summary>
    [Range(100, 10_000_000)] public int RetryWindowMessages { get; set; } = 10_000;

    /// <summary>A member's typing events in one channel are passed on at most once per this interval.</summary>
    [Range(0, 60_000)] public int TypingThrottleMilliseconds { get; set; } = 2_000;

    /// <summary>Clients stop showing "typing" this long after the last event.</summary>
    [Range(500, 60_000)] public int TypingExpiryMilliseconds { get; set; } = 5_000;

    [Range(1, 64)] public int MaxReactionLength { get; set; } = 16;

    [Range(1, 200)] public int MaxReactionsPerMessage { get; set; } = 20;

    /// <summary>
    /// Tries of one message change (edit, delete, reaction, hide, approval) that finds the message changed since it read
    /// it: each try reads, applies the rules and compares-and-sets. A whole class reacting to one message at once
    /// makes the last reaction wait for every other, so this is above the members a busy channel has.
    /// </summary>
    [Range(1, 10_000)] public int MessageChangeAttempts { get; set; } = 200;

    /// <summary>Live events waiting for delivery on this node; when full (e.g. Redis down) the oldest are dropped and clients recover by sequence.</summary>
    [Range(100, 10_000_000)] public int LiveQueueCapacity { get; set; } = 100_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DefaultPageSize > MaxPageSize)
            yield return new ValidationResult("DefaultPageSize cannot exceed MaxPageSize.", [nameof(DefaultPageSize)]);
        if (TypingThrottleMilliseconds >= TypingExpiryMilliseconds)
            yield return new ValidationResult("Typing events must come more often than they expire.", [nameof(TypingThrottleMilliseconds)]);
    }
}
