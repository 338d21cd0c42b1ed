using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// Finds the log entries of one page in a TwinSpace file, whose page log is keyed by position.
/// <para>
/// Why by position: LiteDB writes every index page a transaction touched. Keyed by <c>pageId:sequence</c> (the first
/// layout, <c>page_updates</c>), a group-commit batch with keystrokes of 200 pages landed in 200 places of the index,
/// plus a sequence counter per page, and the file's one writer managed about 800 appends/s while a class of 1,000
/// typed 5,000 keystrokes/s: the queue in front of the writer was most of a keystroke's latency. Keyed by position,
/// every append lands at the end of one index. The same lesson as the chat log (docs/chat.md).
/// </para>
/// <para>
/// So which positions hold a page's entries, and each page's last sequence, are kept here in memory. A page's log
/// is short (compaction folds it into the snapshot every <c>Pages:CompactAfterUpdates</c>), so everything is
/// rebuilt by reading the log when the file is first used: no per-page record is written on an append. Entries of
/// the first layout are found by their old key and leave at the next compaction; its per-page counters
/// (<c>page_sequences</c>) are read once here, never written again.
/// </para>
/// <para>
/// Attached to the file (<see cref="DocumentDatabase.Attached{T}"/>), which drops it when a batch rolls back or the
/// file closes. Writes change it on the file's writer; readers see entries up to the committed position only
/// (batches commit in order, so position p committed means every position before it did too).
/// </para>
/// </summary>
internal sealed class LiteDbPageLog
{
    public const string LogCollection = "page_log";
    public const string FirstLayoutCollection = "page_updates";
    public const string FirstLayoutCountersCollection = "page_sequences";
    public const string HeadsCollection = "page_heads";

    /// <summary>A first-layout entry has no position: it is found by <see cref="PageUpdateRecord.KeyOf"/>.</summary>
    private const long FirstLayout = 0;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, PageEntries> _pages = new(StringComparer.Ordinal);
    private readonly CommittedPosition _committed = new(0);
    private long _nextPosition = 1;

    public static LiteDbPageLog Build(LiteDatabase db)
    {
        var index = new LiteDbPageLog();
        foreach (var counter in db.GetCollection<PageSequenceCounter>(FirstLayoutCountersCollection).FindAll())
            index.Page(counter.Id).Base = counter.LastSequence;
        // First-layout entries are older than every positioned one, and come sorted by page and sequence.
        foreach (var entry in db.GetCollection<PageUpdateRecord>(FirstLayoutCollection).FindAll())
            index.Page(entry.PageId).Add(entry.Sequence, FirstLayout);
        // In position order: the last one read is the newest, which the next append follows.
        foreach (var entry in db.GetCollection<PageLogEntry>(LogCollection).FindAll())
        {
            index.Page(entry.PageId).Add(entry.Sequence, entry.Id);
            index._nextPosition = entry.Id + 1;
        }
        index._committed.Raise(index._nextPosition - 1);
        return index;
    }

    /// <summary>Writer only: stores the page's next update at the end of the log; returns its sequence and position.</summary>
    public (long Sequence, long Position) Append(LiteDatabase db, string pageId, byte[] update, DateTime at)
    {
        var sequence = LastSequence(db, pageId) + 1;
        return (sequence, Store(db, pageId, sequence, update, at));
    }

    /// <summary>Writer only (imports): stores an entry with its own sequence, unless the page already has it.</summary>
    public long? Restore(LiteDatabase db, PageUpdateRecord record)
    {
        lock (_gate)
            if (_pages.TryGetValue(record.PageId, out var known) && known.Has(record.Sequence)) return null;
        return Store(db, record.PageId, record.Sequence, record.Update, record.CreatedAt);
    }

    /// <summary>Writer only (imports): the page's count reaches at least <paramref name="lastSequence"/>.</summary>
    public void Raise(string pageId, long lastSequence)
    {
        lock (_gate)
        {
            var page = Page(pageId);
            page.Base = Math.Max(page.Base, lastSequence);
        }
    }

    /// <summary>
    /// Writer only: deletes the page's entries up to <paramref name="compactedThrough"/> (now in its snapshot). They stay
    /// listed here until <see cref="ForgetThrough"/>: a reader that read the old head before the new one commits must
    /// still find them.
    /// </summary>
    public void DeleteThrough(LiteDatabase db, string pageId, long compactedThrough)
    {
        List<(long Sequence, long Position)> covered;
        lock (_gate)
        {
            if (!_pages.TryGetValue(pageId, out var page)) return;
            covered = page.Through(compactedThrough);
        }
        foreach (var (sequence, position) in covered)
        {
            if (position == FirstLayout) db.GetCollection(FirstLayoutCollection).Delete(PageUpdateRecord.KeyOf(pageId, sequence));
            else db.GetCollection(LogCollection).Delete(position);
        }
    }

    /// <summary>After the compaction's write committed, from any thread: the page's entries up to there are gone.</summary>
    public void ForgetThrough(string pageId, long compactedThrough)
    {
        lock (_gate)
            if (_pages.TryGetValue(pageId, out var page)) page.ForgetThrough(compactedThrough);
    }

    /// <summary>After the write holding <paramref name="position"/> committed, from any thread: readers may see it.</summary>
    public void MarkCommitted(long position) => _committed.Raise(position);

    /// <summary>The page's committed entries after <paramref name="afterSequence"/>, in order.</summary>
    public List<PageUpdateRecord> Read(LiteDatabase db, string pageId, long afterSequence)
    {
        List<(long Sequence, long Position)> wanted;
        var committed = _committed.Through;
        lock (_gate)
        {
            if (!_pages.TryGetValue(pageId, out var page)) return [];
            wanted = page.After(afterSequence, committed);
        }
        var records = new List<PageUpdateRecord>(wanted.Count);
        foreach (var (sequence, position) in wanted)
        {
            // A compaction may have deleted the first ones since they were listed; the rest of the caller's reading copes.
            var record = position == FirstLayout
                ? db.GetCollection<PageUpdateRecord>(FirstLayoutCollection).FindById(PageUpdateRecord.KeyOf(pageId, sequence))
                : db.GetCollection<PageLogEntry>(LogCollection).FindById(position) is { } entry && entry.PageId == pageId && entry.Sequence == sequence
                    ? entry.ToRecord() : null;
            if (record is not null) records.Add(record);
        }
        return records;
    }

    /// <summary>The page's last committed sequence this index knows of (log entries, or the first layout's counter); 0 if none.</summary>
    public long CommittedLastSequence(string pageId)
    {
        var committed = _committed.Through;
        lock (_gate) return _pages.TryGetValue(pageId, out var page) ? page.LastCommitted(committed) : 0;
    }

    /// <summary>Every page's last committed sequence this index knows of (exports).</summary>
    public Dictionary<string, long> CommittedLastSequences()
    {
        var committed = _committed.Through;
        lock (_gate) return _pages.ToDictionary(page => page.Key, page => page.Value.LastCommitted(committed), StringComparer.Ordinal);
    }

    /// <summary>Writer only: the page's last sequence, including writes of this batch; the head is read once per page.</summary>
    private long LastSequence(LiteDatabase db, string pageId)
    {
        lock (_gate)
            if (_pages.TryGetValue(pageId, out var known) && known.BaseRead) return known.Last;
        // A page whose log was compacted keeps its count in its head (read outside the gate: it holds the snapshot).
        var headLast = db.GetCollection<PageDocumentHead>(HeadsCollection).FindById(pageId)?.LastSequence ?? 0;
        lock (_gate)
        {
            var page = Page(pageId);
            page.Base = Math.Max(page.Base, headLast);
            page.BaseRead = true;
            return page.Last;
        }
    }

    /// <summary>Writer only: inserts the entry at the next position and lists it under its page.</summary>
    private long Store(LiteDatabase db, string pageId, long sequence, byte[] update, DateTime at)
    {
        var position = _nextPosition;
        db.GetCollection<PageLogEntry>(LogCollection).Insert(new PageLogEntry
        {
            Id = position, PageId = pageId, Sequence = sequence, Update = update, CreatedAt = at,
        });
        lock (_gate) Page(pageId).Add(sequence, position);
        _nextPosition = position + 1;
        return position;
    }

    private PageEntries Page(string pageId)
    {
        if (!_pages.TryGetValue(pageId, out var page)) _pages[pageId] = page = new PageEntries();
        return page;
    }

    /// <summary>One page's entries in the log, by sequence, and the count they continue from.</summary>
    private sealed class PageEntries
    {
        private readonly List<(long Sequence, long Position)> _entries = [];

        /// <summary>The last sequence before the entries listed here (the head's, or the first layout's counter).</summary>
        public long Base { get; set; }

        /// <summary>Whether <see cref="Base"/> includes the head's count.</summary>
        public bool BaseRead { get; set; }

        public long Last => Math.Max(Base, _entries.Count > 0 ? _entries[^1].Sequence : 0);

        public bool Has(long sequence) => _entries.BinarySearch((sequence, 0), BySequence.Instance) >= 0;

        public void Add(long sequence, long position)
        {
            if (_entries.Count == 0 || _entries[^1].Sequence < sequence) _entries.Add((sequence, position));
            else
            {
                var at = _entries.BinarySearch((sequence, 0), BySequence.Instance);
                if (at < 0) _entries.Insert(~at, (sequence, position));
            }
        }

        public List<(long Sequence, long Position)> Through(long compactedThrough) => _entries.GetRange(0, CountThrough(compactedThrough));

        public void ForgetThrough(long compactedThrough)
        {
            _entries.RemoveRange(0, CountThrough(compactedThrough));
            Base = Math.Max(Base, compactedThrough);
        }

        private int CountThrough(long sequence)
        {
            var count = 0;
            while (count < _entries.Count && _entries[count].Sequence <= sequence) count++;
            return count;
        }

        public List<(long Sequence, long Position)> After(long afterSequence, long committedThrough) =>
            _entries.Where(entry => entry.Sequence > afterSequence && entry.Position <= committedThrough).ToList();

        public long LastCommitted(long committedThrough)
        {
            for (var i = _entries.Count - 1; i >= 0; i--)
                if (_entries[i].Position <= committedThrough) return Math.Max(Base, _entries[i].Sequence);
            return Base;
        }
    }

    private sealed class BySequence : IComparer<(long Sequence, long Position)>
    {
        public static readonly BySequence Instance = new();
        public int Compare((long Sequence, long Position) x, (long Sequence, long Position) y) => x.Sequence.CompareTo(y.Sequence);
    }
}
