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

    public async Task QueueAsync(string twinSpaceId, ChatMessage message, IReadOnlyList<string> matched, CancellationToken cancellationToken = default)
    {
        await moderation.HoldAsync(twinSpaceId, ChatMessageService.ContentOf(message.ChannelId, message.Sequence), message.AuthorId,
            message.AuthorName, message.Text, matched, cancellationToken).ConfigureAwait(false);
        await store.ClearPendingHoldAsync(twinSpaceId, message.ChannelId, message.Sequence, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues held messages whose review item was never written (the server stopped in between).</summary>
    public async Task CompleteStaleAsync(string twinSpaceId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var message in await store.PendingHoldsAsync(twinSpaceId, cancellationToken).ConfigureAwait(false))
        {
            if (now - (message.EditedAt ?? message.SentAt) < InFlight) continue;
            if (message.Held)
            {
                var verdict = await moderation.ScreenAsync(twinSpaceId, message.Text, cancellationToken).ConfigureAwait(false);
                await QueueAsync(twinSpaceId, message, verdict.Matched, cancellationToken).ConfigureAwait(false);
            }
            else await store.ClearPendingHoldAsync(twinSpaceId, message.ChannelId, message.Sequence, cancellationToken).ConfigureAwait(false);
        }
    }
}
