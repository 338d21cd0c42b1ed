namespace ETwinning.Collab.Server.Infrastructure.Storage;

/// <summary>
/// How far a position-keyed log in a LiteDB file has committed. Batches commit in order, so position p committed means
/// every position before it did too; readers of an index kept in memory next to the file's writer (which already
/// knows entries of the batch still committing) stop here. Raised from any thread once a write's task completed.
/// </summary>
internal sealed class CommittedPosition(long initial)
{
    private long _through = initial;

    public long Through => Volatile.Read(ref _through);

    /// <summary>Moves forward to <paramref name="position"/>; never back (acknowledgements arrive in any order).</summary>
    public void Raise(long position)
    {
        var current = Volatile.Read(ref _through);
        while (position > current)
        {
            var seen = Interlocked.CompareExchange(ref _through, position, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
