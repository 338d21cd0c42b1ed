namespace ETwinning.Collab.Server.Infrastructure.Storage;

/// <summary>
/// One feature's records, whole, for copying them from one provider to another (<c>storage copy</c>). Separate from
/// the feature store interfaces on purpose: services never copy, and a store's reads and writes keep their rules
/// (sequences assigned on append, versions bumped on replace), while an import keeps every number as it was.
/// Each provider's store class of the feature implements it and is registered as one next to the store.
/// </summary>
public interface IStoreTransfer
{
    /// <summary>The feature, named as its schema steps are (<c>accounts</c>, <c>chat</c>, ...): the same on every provider.</summary>
    string Feature { get; }

    /// <summary>Every record of the feature in every TwinSpace, in an order that is the same on every run.</summary>
    IAsyncEnumerable<StoredRecord> ExportAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the records as they are: the same ids, sequences, versions and dates. A record that exists already is
    /// replaced, so running an import again (after a copy that stopped halfway) completes it without duplicates.
    /// Afterwards the provider's own counters continue after the highest imported number (the next append of a
    /// stream gets its last imported sequence plus one).
    /// </summary>
    Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default);
}
