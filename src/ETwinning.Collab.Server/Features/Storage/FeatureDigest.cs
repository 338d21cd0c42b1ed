using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ETwinning.Collab.Server.Infrastructure.Storage;

namespace ETwinning.Collab.Server.Features.Storage;

/// <summary>
/// What one provider holds of one feature, in a form two providers can compare: how many records of each kind, and
/// a digest of every record's canonical JSON. The digest adds up the records' SHA-256 values (mod 2^128), so it does
/// not depend on their order (the two engines sort text differently) and needs no memory per record; a record
/// missing, added, duplicated or changed on one side changes it. Dates are compared to the millisecond in UTC, the
/// precision LiteDB keeps, so a copy into LiteDB is not flagged for what it cannot store.
/// </summary>
public sealed class FeatureDigest(string feature)
{
    private static readonly JsonSerializerOptions Canonical = new() { Converters = { new MillisecondUtcDates() } };
    private readonly SortedDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private UInt128 _sum;

    public string Feature { get; } = feature;

    /// <summary>Records per kind, kinds in ordinal order.</summary>
    public IReadOnlyDictionary<string, long> Counts => _counts;

    public long Records => _counts.Values.Sum();

    /// <summary>The digest as 32 hex digits.</summary>
    public string Digest => _sum.ToString("x32", CultureInfo.InvariantCulture);

    /// <summary>The record as the digest sees it: kind, TwinSpace and its canonical JSON, one per line.</summary>
    public static string CanonicalText(StoredRecord record) =>
        $"{record.Kind}\n{record.TwinSpaceId}\n{JsonSerializer.Serialize(record.Record, record.Record.GetType(), Canonical)}";

    public void Add(StoredRecord record)
    {
        var text = CanonicalText(record);
        _sum += BinaryPrimitives.ReadUInt128LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        _counts[record.Kind] = _counts.GetValueOrDefault(record.Kind) + 1;
    }

    /// <summary>The same records on both sides: the same counts per kind and the same digest.</summary>
    public bool SameAs(FeatureDigest other) => Digest == other.Digest && _counts.SequenceEqual(other._counts);

    /// <summary>Every record of <paramref name="transfer"/>.</summary>
    public static async Task<FeatureDigest> OfAsync(IStoreTransfer transfer, CancellationToken cancellationToken)
    {
        var digest = new FeatureDigest(transfer.Feature);
        await foreach (var record in transfer.ExportAsync(cancellationToken).ConfigureAwait(false)) digest.Add(record);
        return digest;
    }

    private sealed class MillisecondUtcDates : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Canonical JSON is only written.");

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
        {
            var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
            writer.WriteStringValue(utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMillisecond)).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        }
    }
}
