namespace ETwinning.Collab.Crdt;

/// <summary>The incremental update (Yjs v1 format) produced by a transaction.</summary>
public sealed class UpdateEventArgs : EventArgs
{
    internal UpdateEventArgs(byte[] update, Transaction transaction)
    {
        Update = update;
        Transaction = transaction;
    }

    /// <summary>The encoded update; apply it to other replicas to replicate the transaction.</summary>
    public byte[] Update { get; }

    /// <summary>The transaction that produced the update.</summary>
    public Transaction Transaction { get; }
}
