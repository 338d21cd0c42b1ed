using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// Changes one stored message by compare-and-set: reads it, lets the caller apply its rules and compute the new
/// state (throwing to refuse), and stores that state only if nobody changed the message meanwhile; otherwise reads
/// again. The rules therefore always judge the state they replace, and the store runs no caller code.
/// </summary>
public sealed class ChatMessageChanges(IChatStore store, IOptions<ChatOptions> options)
{
    private readonly int _attempts = options.Value.MessageChangeAttempts;

    /// <summary>
    /// The message after <paramref name="change"/>; when it returns the message it was given, nothing is written and
    /// that message comes back. Throws not_found for an unknown message, conflict when every attempt lost its race.
    /// </summary>
    public async Task<ChatMessage> ChangeAsync(
        string twinSpaceId, string channelId, long sequence, Func<ChatMessage, ChatMessage> change, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < _attempts; attempt++)
        {
            var current = await store.FindMessageAsync(twinSpaceId, channelId, sequence, cancellationToken).ConfigureAwait(false)
                ?? throw CollabException.NotFound("No such message.").WithKey("NotFound_Message");
            var changed = change(current);
            if (ReferenceEquals(changed, current)) return current;
            if (await store.TryReplaceMessageAsync(twinSpaceId, changed, current.Version, cancellationToken).ConfigureAwait(false) is { } stored)
                return stored;
        }
        throw CollabException.Conflict("This message is being changed by many people at once; please try again.").WithKey("Chat_Busy");
    }
}
