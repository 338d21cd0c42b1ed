using System.Diagnostics.Metrics;
using ETwinning.Collab.Server.Infrastructure.Metrics;
using ETwinning.Collab.Server.Infrastructure.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ETwinning.Collab.Server.Tests.Nodes;

public sealed class RelayLagTests
{
    [Fact]
    public async Task A_message_records_how_long_it_travelled_from_the_sending_node()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-02T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var network = new InMemoryNodeNetwork();
        var receiver = new NodeMessageDispatcher(new NodeIdentity(), [new LagProbeHandler()], NullLogger<NodeMessageDispatcher>.Instance, clock);
        var sender = new NodeMessageDispatcher(new NodeIdentity(), [], NullLogger<NodeMessageDispatcher>.Instance, clock);
        using var attachedReceiver = network.Attach(receiver);
        using var attachedSender = network.Attach(sender);
        var lags = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CollabMetrics.MeterName && instrument.Name == "collab.nodebus.relay.lag") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag is { Key: "message", Value: nameof(LagProbe) }) lock (lags) lags.Add(value);
        });
        listener.Start();

        var envelope = NodeEnvelope.Encode("sender", new LagProbe(1), clock.GetUtcNow().ToUnixTimeMilliseconds());
        clock.Advance(TimeSpan.FromMilliseconds(250));
        await network.DeliverAsync(envelope, CancellationToken.None);

        Assert.Equal(0.25, Assert.Single(lags), precision: 3);
    }

    public sealed record LagProbe(int Number);

    private sealed class LagProbeHandler : NodeMessageHandler<LagProbe>
    {
        protected override ValueTask HandleAsync(LagProbe message, NodeMessageContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
