namespace ETwinning.Collab.Crdt.Core;

/// <summary>
/// The structs of one client ordered by clock, stored in chunks so that inserting a split item in the
/// middle of a large history moves at most one chunk instead of the whole list. Lookups by clock are
/// two binary searches (chunk, then struct).
/// </summary>
internal sealed class ClientStructList
{
    private const int MaxChunk = 512;

    internal sealed class Chunk
    {
        public StructBase[] Items = new StructBase[MaxChunk];
        public int Count;
    }

    private readonly List<Chunk> _chunks = [];
    private int _lastChunk = -1;

    public int Count { get; private set; }

    /// <summary>The next clock this client will use (end of the last struct).</summary>
    public long NextClock { get; private set; }

    public long FirstClock => _chunks.Count == 0 ? 0 : _chunks[0].Items[0].Clock;

    public void Append(StructBase item)
    {
        if (item.Clock != NextClock)
        {
            throw new InvalidOperationException($"Struct clock {item.Clock} does not continue client {item.Client} at {NextClock}.");
        }
        var chunk = _chunks.Count == 0 ? null : _chunks[^1];
        if (chunk == null || chunk.Count == MaxChunk)
        {
            chunk = new Chunk();
            _chunks.Add(chunk);
        }
        chunk.Items[chunk.Count++] = item;
        Count++;
        NextClock = item.EndClock;
    }

    private int FindChunk(long clock)
    {
        if (_lastChunk >= 0 && _lastChunk < _chunks.Count)
        {
            var cached = _chunks[_lastChunk];
            if (cached.Items[0].Clock <= clock && cached.Items[cached.Count - 1].EndClock > clock) return _lastChunk;
        }
        int lo = 0, hi = _chunks.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (_chunks[mid].Items[0].Clock <= clock) lo = mid;
            else hi = mid - 1;
        }
        _lastChunk = lo;
        return lo;
    }

    private static int FindInChunk(Chunk chunk, long clock)
    {
        int lo = 0, hi = chunk.Count - 1;
        var items = chunk.Items;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            var s = items[mid];
            if (s.Clock <= clock)
            {
                if (clock < s.EndClock) return mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return -1;
    }

    /// <summary>The struct containing <paramref name="clock"/>, or null when it is not in this list.</summary>
    public StructBase? Find(long clock)
    {
        if (_chunks.Count == 0 || clock < 0 || clock >= NextClock) return null;
        var chunk = _chunks[FindChunk(clock)];
        int index = FindInChunk(chunk, clock);
        return index < 0 ? null : chunk.Items[index];
    }

    private (int Chunk, int Index) Locate(StructBase existing)
    {
        int c = FindChunk(existing.Clock);
        int i = FindInChunk(_chunks[c], existing.Clock);
        if (i < 0 || _chunks[c].Items[i] != existing) throw new InvalidOperationException("Struct is not in the store.");
        return (c, i);
    }

    /// <summary>Inserts <paramref name="item"/> directly after <paramref name="existing"/> (a split).</summary>
    public void InsertAfter(StructBase existing, StructBase item)
    {
        var (c, i) = Locate(existing);
        var chunk = _chunks[c];
        if (chunk.Count == MaxChunk)
        {
            // Split the full chunk in halves, then insert into the right half.
            var tail = new Chunk { Count = MaxChunk / 2 };
            Array.Copy(chunk.Items, MaxChunk / 2, tail.Items, 0, MaxChunk / 2);
            Array.Clear(chunk.Items, MaxChunk / 2, MaxChunk / 2);
            chunk.Count = MaxChunk / 2;
            _chunks.Insert(c + 1, tail);
            if (i >= MaxChunk / 2)
            {
                chunk = tail;
                i -= MaxChunk / 2;
            }
        }
        Array.Copy(chunk.Items, i + 1, chunk.Items, i + 2, chunk.Count - i - 1);
        chunk.Items[i + 1] = item;
        chunk.Count++;
        Count++;
        if (item.EndClock > NextClock) NextClock = item.EndClock;
    }

    public void Replace(StructBase existing, StructBase replacement)
    {
        var (c, i) = Locate(existing);
        _chunks[c].Items[i] = replacement;
    }

    /// <summary>The struct just before <paramref name="item"/> in clock order.</summary>
    public StructBase? Previous(StructBase item)
    {
        if (item.Clock == 0) return null;
        return Find(item.Clock - 1);
    }

    /// <summary>Removes the struct after <paramref name="left"/>, which was merged into it.</summary>
    public void RemoveNext(StructBase left)
    {
        var (c, i) = Locate(left);
        i++;
        if (i == _chunks[c].Count)
        {
            c++;
            i = 0;
        }
        var chunk = _chunks[c];
        Array.Copy(chunk.Items, i + 1, chunk.Items, i, chunk.Count - i - 1);
        chunk.Items[--chunk.Count] = null!;
        Count--;
        if (chunk.Count == 0) _chunks.RemoveAt(c);
    }

    /// <summary>Structs from the one containing <paramref name="clock"/> to the end. A struct
    /// enumerable, so the hot cleanup path can iterate without allocating.</summary>
    public StructRange From(long clock)
    {
        if (_chunks.Count == 0 || clock >= NextClock) return new StructRange(_chunks, _chunks.Count, 0);
        if (clock <= FirstClock) return new StructRange(_chunks, 0, 0);
        int c = FindChunk(clock);
        return new StructRange(_chunks, c, Math.Max(0, FindInChunk(_chunks[c], clock)));
    }

    /// <summary>Iterates chunks from a position; see <see cref="From"/>.</summary>
    public readonly struct StructRange : IEnumerable<StructBase>
    {
        private readonly List<Chunk> _chunks;
        private readonly int _chunk;
        private readonly int _index;

        internal StructRange(List<Chunk> chunks, int chunk, int index)
        {
            _chunks = chunks;
            _chunk = chunk;
            _index = index;
        }

        public Enumerator GetEnumerator() => new(_chunks, _chunk, _index);

        IEnumerator<StructBase> IEnumerable<StructBase>.GetEnumerator() => GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public struct Enumerator : IEnumerator<StructBase>
        {
            private readonly List<Chunk> _chunks;
            private int _chunk;
            private int _index;

            internal Enumerator(List<Chunk> chunks, int chunk, int index)
            {
                _chunks = chunks;
                _chunk = chunk;
                _index = index - 1;
                Current = null!;
            }

            public StructBase Current { get; private set; }

            readonly object System.Collections.IEnumerator.Current => Current;

            public bool MoveNext()
            {
                while (_chunk < _chunks.Count)
                {
                    var chunk = _chunks[_chunk];
                    if (++_index < chunk.Count)
                    {
                        Current = chunk.Items[_index];
                        return true;
                    }
                    _chunk++;
                    _index = -1;
                }
                return false;
            }

            public readonly void Reset() => throw new NotSupportedException();

            public readonly void Dispose() { }
        }
    }
}
