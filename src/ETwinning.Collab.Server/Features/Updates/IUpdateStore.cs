using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.Updates;

/// <summary>
/// The bulletin and journal entries of every TwinSpace. Each (TwinSpace, kind) is one feed with its own sequence.
/// </summary>
public interface IUpdateStore
{
    /// <summary>
    /// Stores a new entry and returns it with its <see cref="TwinSpaceUpdate.Sequence"/> (the feed's last plus one;
    /// concurrent appends get distinct, gap-free numbers) and <see cref="TwinSpaceUpdate.Version"/> 1. Atomic: the
    /// entry is stored with its number or not at all. When the feed already holds an entry of the same author with
    /// the same <see cref="TwinSpaceUpdate.ClientId"/>, nothing is stored and that entry is returned (a retry).
    /// </summary>
    Task<TwinSpaceUpdate> AppendAsync(TwinSpaceUpdate entry, CancellationToken cancellationToken = default);

    /// <summary>The entry with this sequence in the feed (deleted ones too), or null.</summary>
    ValueTask<TwinSpaceUpdate?> FindAsync(string twinSpaceId, UpdateKind kind, long sequence, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> entries that are not deleted, newest (highest sequence) first, with a sequence
    /// below <paramref name="beforeSequence"/> when given.
    /// </summary>
    ValueTask<IReadOnlyList<TwinSpaceUpdate>> ListAsync(
        string twinSpaceId, UpdateKind kind, long? beforeSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the stored entry of the same TwinSpace, kind and sequence with <paramref name="updated"/> (its
    /// version set to <paramref name="expectedVersion"/> + 1) if the stored version is still
    /// <paramref name="expectedVersion"/>; returns the stored entry, or null when the version moved (or the entry
    /// is gone). The sequence, id, author and client id never change.
    /// </summary>
    Task<TwinSpaceUpdate?> TryReplaceAsync(TwinSpaceUpdate updated, long expectedVersion, CancellationToken cancellationToken = default);
}
