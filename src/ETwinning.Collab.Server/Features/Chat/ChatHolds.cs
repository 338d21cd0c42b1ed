using ETwinning.Collab.Server.Features.Moderation;

namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// Puts messages the word filter held into the review queue. The held message and its review item are two writes
/// (chat's log and moderation's queue are separate stores), so the write that holds a message also records a
/// pending hold, cleared once the review item is written. A crash in between leaves the pending hold, and
/// <see cref="CompleteStaleAsync"/> finishes it before a moderator reads the queue: no held message waits unseen.
/// </summary>
public sealed class ChatHolds(IChatStore store, ModerationService moderation, TimeProvider clock)
{
    /// <summary>A hold younger than this may still be on its way to the queue in the request that made it.</summary>
    private static readonly TimeSpan InFlight = TimeSpan.FromMinutes(1);

    public async Task QueueAsync(string twinSpaceId, ChatMessage message, IReadOnlyList<string> matched)
    {
        await moderation.HoldAsync(twinSpaceId, ChatMessageService.ContentOf(message.ChannelId, message.Sequence), message.AuthorId,
            message.AuthorName, message.Text, matched).ConfigureAwait(false);
        await store.ClearPendingHoldAsync(twinSpaceId, message.ChannelId, message.Sequence).ConfigureAwait(false);
    }

    /// <summary>Queues held messages whose review item was never written (the server stopped in between).</summary>
    public async Task CompleteStaleAsync(string twinSpaceId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var message in store.PendingHolds(twinSpaceId))
        {
            if (now - (message.EditedAt ?? message.SentAt) < InFlight) continue;
            if (message.Held) await QueueAsync(twinSpaceId, message, moderation.Screen(twinSpaceId, message.Text).Matched).ConfigureAwait(false);
            else await store.ClearPendingHoldAsync(twinSpaceId, message.ChannelId, message.Sequence).ConfigureAwait(false);
        }
    }
}
