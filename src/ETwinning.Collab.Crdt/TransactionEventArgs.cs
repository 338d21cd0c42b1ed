using ETwinning.Collab.Crdt.Types;

namespace ETwinning.Collab.Crdt;

/// <summary>Describes what a finished transaction changed.</summary>
public sealed class TransactionEventArgs : EventArgs
{
    internal TransactionEventArgs(Transaction transaction, IReadOnlyCollection<YType> changedTypes, IReadOnlyCollection<string> changedRoots)
    {
        Transaction = transaction;
        ChangedTypes = changedTypes;
        ChangedRoots = changedRoots;
    }

    /// <summary>The finished transaction (origin, local or remote).</summary>
    public Transaction Transaction { get; }

    /// <summary>Types whose own content (children, entries, text) changed.</summary>
    public IReadOnlyCollection<YType> ChangedTypes { get; }

    /// <summary>Names of the root types that contain a changed type.</summary>
    public IReadOnlyCollection<string> ChangedRoots { get; }

    /// <summary>True if content was inserted or deleted.</summary>
    public bool HasChanges => Transaction.HasChanges;
}
