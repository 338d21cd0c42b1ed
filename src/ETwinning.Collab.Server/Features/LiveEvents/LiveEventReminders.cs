using ETwinning.Collab.Client.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// Reminds hosts and seated attendees that an event starts soon, as a hub event to each of their connections on this
/// node, once per connection. Every <c>ReminderCheckSeconds</c> the node looks only at TwinSpaces it has connections in
/// (no scan of every TwinSpace), so a reminder needs no stored flag and no coordination between nodes; someone who
/// connects inside the window is reminded at the next look. Public events are also looked up platform-wide (one read of
/// the public events' index), and their registered outsiders, who are in no scope of the TwinSpace, are reminded by
/// account on whichever node holds their connections. Nothing is sent to people who are not connected: the platform's
/// e-mail is not ours to send.
/// </summary>
public sealed partial class LiveEventReminders(
    ILiveEventStore store, ILiveReminderDelivery delivery, IOptions<LiveEventOptions> options, TimeProvider clock,
    ILogger<LiveEventReminders> logger) : BackgroundService
{
    private readonly LiveEventOptions _options = options.Value;
    // event id -> (its start, the connections of this node already reminded); dropped once the start has passed
    private readonly Dictionary<string, (DateTime StartsAt, HashSet<string> Connections)> _reminded = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.ReminderMinutesBefore == 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.ReminderCheckSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RemindAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // A store that is briefly unavailable costs one look, not the reminders of the rest of the day.
                LogLookFailed(failure);
            }
        }
    }

    /// <summary>One look: sends every reminder due now to this node's connections that have not had it.</summary>
    private async Task RemindAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var stale in _reminded.Where(e => e.Value.StartsAt <= now).Select(e => e.Key).ToList()) _reminded.Remove(stale);
        var window = TimeSpan.FromMinutes(_options.ReminderMinutesBefore);
        foreach (var twinSpaceId in delivery.TwinSpacesWithConnectionsHere())
        {
            var due = (await store.EventsAsync(twinSpaceId, cancellationToken).ConfigureAwait(false))
                .Where(e => IsDue(e, now, window))
                .ToList();
            foreach (var liveEvent in due)
                await RemindAsync(liveEvent, now, cancellationToken).ConfigureAwait(false);
        }
        if (!delivery.AnyConnectionHere) return;
        foreach (var liveEvent in (await store.PublicEventsAsync(cancellationToken).ConfigureAwait(false)).Where(e => IsDue(e, now, window)))
            await RemindByAccountAsync(liveEvent, now, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsDue(LiveEvent liveEvent, DateTime now, TimeSpan window) =>
        liveEvent.State == LiveEventState.Scheduled && liveEvent.StartsAt > now && liveEvent.StartsAt - now <= window;

    /// <summary>
    /// Seated accounts of a public event, wherever their connections are on this node. The connections reminded through
    /// the TwinSpace are in the same set, so nobody hears it twice.
    /// </summary>
    private async Task RemindByAccountAsync(LiveEvent liveEvent, DateTime now, CancellationToken cancellationToken)
    {
        var seated = (await store.RegistrationsAsync(liveEvent.TwinSpaceId, liveEvent.Id, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Status == LiveRegistrationStatus.Registered).Select(r => r.AccountId);
        var entry = Entry(liveEvent);
        var recipients = seated.SelectMany(delivery.ConnectionsOfAccountHere).Where(c => !entry.Connections.Contains(c)).ToList();
        await SendAsync(liveEvent, now, entry, recipients).ConfigureAwait(false);
    }

    private (DateTime StartsAt, HashSet<string> Connections) Entry(LiveEvent liveEvent)
    {
        if (!_reminded.TryGetValue(liveEvent.Id, out var entry))
            _reminded[liveEvent.Id] = entry = (liveEvent.StartsAt, []);
        return entry;
    }

    private async Task SendAsync(LiveEvent liveEvent, DateTime now, (DateTime StartsAt, HashSet<string> Connections) entry, List<string> recipients)
    {
        if (recipients.Count == 0) return;
        var minutes = (int)Math.Ceiling((liveEvent.StartsAt - now).TotalMinutes);
        await delivery.SendAsync(recipients, new LiveEventReminderEvent(liveEvent.TwinSpaceId, liveEvent.View(), minutes)).ConfigureAwait(false);
        entry.Connections.UnionWith(recipients);
    }

    private async Task RemindAsync(LiveEvent liveEvent, DateTime now, CancellationToken cancellationToken)
    {
        var entry = Entry(liveEvent);
        var waiting = delivery.ConnectionsHere(liveEvent.TwinSpaceId).Where(c => !entry.Connections.Contains(c.ConnectionId)).ToList();
        if (waiting.Count == 0) return;
        var seated = (await store.RegistrationsAsync(liveEvent.TwinSpaceId, liveEvent.Id, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Status == LiveRegistrationStatus.Registered).Select(r => r.AccountId).ToHashSet();
        var recipients = waiting.Where(c => seated.Contains(c.AccountId) || LiveEventAccess.IsHost(liveEvent, c.AccountId))
            .Select(c => c.ConnectionId).ToList();
        await SendAsync(liveEvent, now, entry, recipients).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for live event reminders failed; the next look tries again")]
    private partial void LogLookFailed(Exception failure);
}
