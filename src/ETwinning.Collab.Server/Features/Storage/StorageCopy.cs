using System.Globalization;
using ETwinning.Collab.Server.Infrastructure.Storage;

namespace ETwinning.Collab.Server.Features.Storage;

/// <summary>
/// Copies every feature's records from one provider's stores to another's, feature by feature in batches, and verifies
/// the copy by exporting both sides and comparing them (<see cref="FeatureDigest"/>). Works on the providers'
/// <see cref="IStoreTransfer"/>s only, so it knows no engine; <see cref="StorageCommand"/> builds the providers.
/// </summary>
public sealed class StorageCopy(IReadOnlyList<IStoreTransfer> source, IReadOnlyList<IStoreTransfer> target, TextWriter output)
{
    /// <summary>
    /// Records per import call: one transaction each on either engine, big enough that a commit's cost is spread over
    /// many records, small enough that a failed batch is cheap to redo.
    /// </summary>
    public const int RecordsPerBatch = 500;

    /// <summary>The first feature of the target that already holds a record; null when the target is empty.</summary>
    public async Task<string?> NonEmptyTargetFeatureAsync(CancellationToken cancellationToken = default)
    {
        foreach (var transfer in target)
            await foreach (var _ in transfer.ExportAsync(cancellationToken).ConfigureAwait(false))
                return transfer.Feature;
        return null;
    }

    /// <summary>Copies every record of every source feature into the target's store of the same feature; returns how many.</summary>
    public async Task<long> CopyAsync(CancellationToken cancellationToken = default)
    {
        var missing = source.Select(s => s.Feature).Except(target.Select(t => t.Feature), StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"The target has no store for: {string.Join(", ", missing)}.");
        long total = 0;
        foreach (var from in source)
        {
            var into = target.First(t => t.Feature == from.Feature);
            var batch = new List<StoredRecord>(RecordsPerBatch);
            long copied = 0;
            await foreach (var record in from.ExportAsync(cancellationToken).ConfigureAwait(false))
            {
                batch.Add(record);
                if (batch.Count < RecordsPerBatch) continue;
                await into.ImportAsync(batch, cancellationToken).ConfigureAwait(false);
                copied += batch.Count;
                batch = new List<StoredRecord>(RecordsPerBatch);
            }
            if (batch.Count > 0) await into.ImportAsync(batch, cancellationToken).ConfigureAwait(false);
            copied += batch.Count;
            total += copied;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {from.Feature,-12} {copied,10:N0} records copied"));
        }
        return total;
    }

    /// <summary>Exports both sides, compares them feature by feature and prints the table; every feature of either side is listed.</summary>
    public async Task<IReadOnlyList<FeatureComparison>> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var features = source.Select(s => s.Feature).Concat(target.Select(t => t.Feature)).Distinct(StringComparer.Ordinal).ToList();
        var comparisons = new List<FeatureComparison>();
        foreach (var feature in features)
        {
            var from = await DigestAsync(source, feature, cancellationToken).ConfigureAwait(false);
            var into = await DigestAsync(target, feature, cancellationToken).ConfigureAwait(false);
            comparisons.Add(new FeatureComparison(from, into));
        }
        Print(comparisons);
        return comparisons;
    }

    private static async Task<FeatureDigest> DigestAsync(IReadOnlyList<IStoreTransfer> side, string feature, CancellationToken cancellationToken) =>
        side.FirstOrDefault(t => t.Feature == feature) is { } transfer
            ? await FeatureDigest.OfAsync(transfer, cancellationToken).ConfigureAwait(false)
            : new FeatureDigest(feature);

    private void Print(IReadOnlyList<FeatureComparison> comparisons)
    {
        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(invariant, $"  {"feature",-12} {"source",10} {"target",10}  {"digest",-32}  {"result",-9} records by kind"));
        foreach (var comparison in comparisons)
        {
            var (from, into) = (comparison.Source, comparison.Target);
            var result = comparison.Same ? "same" : "DIFFERENT";
            output.WriteLine(string.Create(invariant,
                $"  {comparison.Feature,-12} {from.Records,10:N0} {into.Records,10:N0}  {from.Digest,-32}  {result,-9} {Kinds(from)}"));
            if (!comparison.Same)
                output.WriteLine(string.Create(invariant, $"  {"",-12} {"",10} {"",10}  {into.Digest,-32}  {"(target)",-9} {Kinds(into)}"));
        }
    }

    private static string Kinds(FeatureDigest digest) =>
        digest.Counts.Count == 0 ? "-" : string.Join(", ", digest.Counts.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Key} {k.Value:N0}")));
}
