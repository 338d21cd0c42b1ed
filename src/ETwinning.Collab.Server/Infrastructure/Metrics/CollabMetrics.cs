using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ETwinning.Collab.Server.Infrastructure.Metrics;

/// <summary>
/// The server's one meter, <c>ETwinning.Collab</c>, and its instruments (docs/operations.md says what each means).
/// Static, because the storage engines that count writes are not built by DI; one process is one node, so its meter
/// is the node's. Recording costs next to nothing while no exporter listens (the default).
/// </summary>
public static class CollabMetrics
{
    public const string MeterName = "ETwinning.Collab";

    private static readonly Meter Meter = new(MeterName);

    public static readonly UpDownCounter<long> Connections =
        Meter.CreateUpDownCounter<long>("collab.connections", "{connection}", "Hub connections open on this node.");

    public static readonly Counter<long> HubCalls =
        Meter.CreateCounter<long>("collab.hub.calls", "{call}", "Hub method invocations, by method.");

    public static readonly Counter<long> HubErrors =
        Meter.CreateCounter<long>("collab.hub.errors", "{call}", "Hub method invocations that failed, by method and error code.");

    public static readonly Counter<long> StorageWrites =
        Meter.CreateCounter<long>("collab.storage.writes", "{write}", "Durable writes, by provider and outcome.");

    public static readonly Histogram<double> StorageWriteDuration =
        Meter.CreateHistogram<double>("collab.storage.write.duration", "s", "From queueing a durable write to its commit (what a caller waits for), by provider.");

    public static readonly Counter<long> PageUpdates =
        Meter.CreateCounter<long>("collab.page.updates", "{update}", "Live page updates accepted and stored.");

    public static readonly Counter<long> ChatMessages =
        Meter.CreateCounter<long>("collab.chat.messages", "{message}", "Chat messages stored (retries of one message count once).");

    public static readonly Histogram<double> RelayLag =
        Meter.CreateHistogram<double>("collab.nodebus.relay.lag", "s", "From a node publishing a message to another node handling it, by message type.");

    /// <summary>Counts one durable write of <paramref name="provider"/> that was queued at <paramref name="queuedAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public static void RecordWrite(string provider, long queuedAt, bool committed)
    {
        var providerTag = new KeyValuePair<string, object?>("provider", provider);
        StorageWrites.Add(1, providerTag, new("outcome", committed ? "committed" : "failed"));
        if (committed) StorageWriteDuration.Record(Stopwatch.GetElapsedTime(queuedAt).TotalSeconds, providerTag);
    }
}
