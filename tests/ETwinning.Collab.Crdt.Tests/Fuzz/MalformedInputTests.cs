using ETwinning.Collab.Crdt.Encoding;
using ETwinning.Collab.Crdt.Protocol;
using ETwinning.Collab.Crdt.Tests.Differential;

namespace ETwinning.Collab.Crdt.Tests.Fuzz;

/// <summary>
/// Malformed input must give <see cref="CrdtFormatException"/> (never another exception) and leave
/// the document unchanged. Seeded mutations of valid updates; CRDT_FUZZ_CASES runs more locally.
/// </summary>
public sealed class MalformedInputTests
{
    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("CRDT_FUZZ_CASES"), out int n) ? n : 6000;

    /// <summary>Valid updates of every kind, made by three C# replicas editing and syncing.</summary>
    private static readonly Dictionary<int, List<byte[]>> SampleCache = [];

    private static List<byte[]> SampleUpdates(int seed)
    {
        lock (SampleCache)
        {
            if (!SampleCache.TryGetValue(seed, out var cached))
            {
                cached = CreateSampleUpdates(seed);
                SampleCache[seed] = cached;
            }
            return cached;
        }
    }

    private static List<byte[]> CreateSampleUpdates(int seed)
    {
        var random = new Random(seed);
        var docs = Enumerable.Range(0, 3).Select(i => new YDoc(clientId: (ulong)(i + 1) * 1000003)).ToList();
        var updates = new List<byte[]>();
        foreach (var doc in docs) doc.Updated += (_, e) => updates.Add(e.Update);
        var editor = new RandomEditor(random);
        for (int i = 0; i < 40; i++)
        {
            var doc = docs[random.Next(docs.Count)];
            if (random.Next(4) == 0)
            {
                var other = docs[random.Next(docs.Count)];
                if (other != doc) doc.ApplyUpdate(other.EncodeStateAsUpdate(doc.EncodeStateVector()));
            }
            else
            {
                doc.Transact(_ => editor.Edit(doc));
            }
        }
        updates.AddRange(docs.Select(d => d.EncodeStateAsUpdate()));
        return updates;
    }

    private static byte[] Mutate(Random random, byte[] input)
    {
        var bytes = new List<byte>(input);
        int mutations = 1 + random.Next(3);
        for (int m = 0; m < mutations; m++)
        {
            if (bytes.Count == 0) bytes.Add((byte)random.Next(256));
            int at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 2: bytes.RemoveRange(at, bytes.Count - at); break; // truncate
                case 3: bytes.Insert(at, (byte)random.Next(256)); break;
                case 4: bytes.RemoveAt(at); break;
                case 5: bytes.InsertRange(at, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]); break; // huge varUint
                default:
                    int length = Math.Min(1 + random.Next(16), bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length)); // duplicated chunk
                    break;
            }
        }
        return [.. bytes];
    }

    [Fact]
    public void MutatedUpdatesFailCleanlyAndLeaveTheDocumentUnchanged()
    {
        int cases = Cases;
        var failures = new List<string>();
        int rejected = 0;
        for (int seed = 1; seed <= cases && failures.Count < 5; seed++)
        {
            var random = new Random(seed);
            var samples = SampleUpdates(seed % 40);
            var doc = new YDoc(clientId: 99);
            foreach (var update in samples.Take(random.Next(samples.Count))) doc.ApplyUpdate(update);
            byte[] before = doc.EncodeStateAsUpdate();
            byte[] mutated = Mutate(random, samples[random.Next(samples.Count)]);
            bool accepted = false;
            try
            {
                doc.ApplyUpdate(mutated);
                accepted = true;
            }
            catch (CrdtFormatException e)
            {
                rejected++;
                if (!before.AsSpan().SequenceEqual(doc.EncodeStateAsUpdate())) failures.Add($"seed {seed}: document changed by a rejected update ({e.Message})");
            }
            catch (Exception e)
            {
                failures.Add($"seed {seed}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
            if (accepted)
            {
                // Accepted: the document must still be usable, and its encoding loadable.
                try
                {
                    var copy = new YDoc(clientId: 98);
                    copy.ApplyUpdate(doc.EncodeStateAsUpdate());
                    _ = Canonical.Of(doc);
                }
                catch (Exception e)
                {
                    failures.Add($"seed {seed}: accepted update left the document unusable: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                }
            }
            foreach (var check in new Action[]
            {
                () => YUpdate.Validate(mutated),
                () => YUpdate.StateVectorFromUpdate(mutated),
                () => YUpdate.DiffUpdate(mutated, doc.EncodeStateVector()),
                () => YUpdate.Merge(mutated, samples[0]),
                () => SyncProtocol.Decode(mutated),
                () => AwarenessUpdate.Decode(mutated),
            })
            {
                try
                {
                    check();
                }
                catch (CrdtFormatException)
                {
                }
                catch (Exception e)
                {
                    failures.Add($"seed {seed}: helper threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(rejected > cases / 4, $"Only {rejected} of {cases} mutations were rejected; the mutator is too weak.");
    }

    [Fact]
    public void EveryTruncationOfAValidUpdateIsRejected()
    {
        var update = SampleUpdates(7)[^1];
        for (int length = 0; length < update.Length; length++)
        {
            var doc = new YDoc(clientId: 5);
            Assert.Throws<CrdtFormatException>(() => doc.ApplyUpdate(update.AsSpan(0, length)));
            Assert.Empty(doc.StateVector);
        }
    }

    [Fact]
    public void LyingLengthsAndHugeCountsAreRejected()
    {
        // A string content claiming 2^40 bytes.
        var writer = new Lib0Writer();
        writer.WriteVarUint(1); // clients
        writer.WriteVarUint(1); // structs
        writer.WriteVarUint(7); // client
        writer.WriteVarUint(0); // clock
        writer.WriteByte(4); // string content, no origins
        writer.WriteVarUint(1);
        writer.WriteVarString("text");
        writer.WriteVarUint(1UL << 40);
        AssertRejected(writer.ToArray(), "too large");

        // 2^53-1 clients with nothing behind.
        writer = new Lib0Writer();
        writer.WriteVarUint((1UL << 53) - 1);
        AssertRejected(writer.ToArray(), "too large");

        // Varint longer than 53 bits.
        AssertRejected([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], "too large");
    }

    [Theory]
    [InlineData(11)]
    [InlineData(17)]
    [InlineData(31)]
    public void UnknownContentReferencesAreRejected(byte contentRef)
    {
        var writer = new Lib0Writer();
        writer.WriteVarUint(1);
        writer.WriteVarUint(1);
        writer.WriteVarUint(7);
        writer.WriteVarUint(0);
        writer.WriteByte(contentRef);
        writer.WriteVarUint(1);
        writer.WriteVarString("text");
        writer.WriteVarUint(0);
        AssertRejected(writer.ToArray(), "Unknown content");
    }

    [Fact]
    public void DeeplyNestedValuesAreRejected()
    {
        var writer = new Lib0Writer();
        writer.WriteVarUint(1);
        writer.WriteVarUint(1);
        writer.WriteVarUint(7);
        writer.WriteVarUint(0);
        writer.WriteByte(8); // any content
        writer.WriteVarUint(1);
        writer.WriteVarString("array");
        writer.WriteVarUint(1); // one value
        for (int i = 0; i < 100_000; i++)
        {
            writer.WriteByte(117); // array of one element
            writer.WriteVarUint(1);
        }
        writer.WriteByte(126);
        writer.WriteVarUint(0);
        AssertRejected(writer.ToArray(), "nested deeper");
    }

    [Fact]
    public void ReferencesToTheFutureOfTheSameClientAreRejected()
    {
        var writer = new Lib0Writer();
        writer.WriteVarUint(1);
        writer.WriteVarUint(1);
        writer.WriteVarUint(7);
        writer.WriteVarUint(0);
        writer.WriteByte(4 | 0x80); // string with an origin
        writer.WriteVarUint(7);
        writer.WriteVarUint(5); // origin 7:5 for an item at 7:0
        writer.WriteVarString("x");
        writer.WriteVarUint(0);
        AssertRejected(writer.ToArray(), "not before it");
    }

    [Fact]
    public void DeeplyNestedDocumentsCanBeDeletedAndCollected()
    {
        var doc = new YDoc(clientId: 1);
        var fragment = doc.GetXmlFragment("xml");
        Types.YXmlFragment parent = fragment;
        for (int i = 0; i < 20_000; i++)
        {
            var child = new Types.YXmlElement("div");
            parent.Insert(0, child);
            parent = child;
        }
        var copy = new YDoc(clientId: 2);
        copy.ApplyUpdate(doc.EncodeStateAsUpdate());
        copy.GetXmlFragment("xml").Delete(0);
        Assert.Equal(0, copy.GetXmlFragment("xml").Length);
        doc.ApplyUpdate(copy.EncodeStateAsUpdate());
        Assert.Equal(0, fragment.Length);
    }

    private static void AssertRejected(byte[] update, string messagePart)
    {
        var doc = new YDoc(clientId: 1);
        doc.GetText("text").Insert(0, "keep");
        var before = doc.EncodeStateAsUpdate();
        var error = Assert.Throws<CrdtFormatException>(() => doc.ApplyUpdate(update));
        Assert.Contains(messagePart, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, doc.EncodeStateAsUpdate());
        Assert.Equal("keep", doc.GetText("text").ToString());
    }
}
