using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.LiveEvents;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Storage;

namespace ETwinning.Collab.Server.Tests.Storage.LiteDb;

/// <summary>
/// The embedded store's platform-wide index of public events (each TwinSpace has its own file): it survives a restart,
/// and a data directory without it (new, or written before it existed) gets it built from the TwinSpace files.
/// </summary>
public sealed class LiteDbPublicLiveEventIndexTests
{
    private static readonly DateTime Start = new(2026, 5, 4, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_missing_index_is_built_from_every_twinspace_file_and_kept_across_a_restart()
    {
        await using var provider = await LiteDbStoreProvider.OpenAsync();
        var first = await provider.Get<ILiveEventStore>().AddEventAsync(Event(LiveEventAudience.PublicTeachers, Start.AddDays(2)));
        var second = await provider.Get<ILiveEventStore>().AddEventAsync(Event(LiveEventAudience.PublicTeachers, Start.AddDays(1)));
        await provider.Get<ILiveEventStore>().AddEventAsync(Event(LiveEventAudience.Members, Start));
        await provider.Get<DatabaseFiles>().Catalog.WriteAsync(catalog =>
        {
            catalog.GetCollection("public_live_events").DeleteAll();
            catalog.GetCollection("public_live_events_built").DeleteAll();
        });

        var rebuilt = await provider.Get<ILiveEventStore>().PublicEventsAsync();
        await provider.RestartAsync();
        var afterRestart = await provider.Get<ILiveEventStore>().PublicEventsAsync();

        Assert.Equal([second.Id, first.Id], rebuilt.Select(e => e.Id));
        Assert.Equal([second.Id, first.Id], afterRestart.Select(e => e.Id));
    }

    [Fact]
    public async Task Public_events_imported_after_the_index_was_built_are_listed()
    {
        await using var source = await LiteDbStoreProvider.OpenAsync();
        var imported = await source.Get<ILiveEventStore>().AddEventAsync(Event(LiveEventAudience.PublicTeachers, Start.AddDays(1)));
        var records = new List<StoredRecord>();
        await foreach (var record in ((LiteDbLiveEventStore)source.Get<ILiveEventStore>()).ExportAsync()) records.Add(record);
        await using var target = await LiteDbStoreProvider.OpenAsync();
        var local = await target.Get<ILiveEventStore>().AddEventAsync(Event(LiveEventAudience.PublicTeachers, Start.AddDays(2)));
        Assert.Equal([local.Id], (await target.Get<ILiveEventStore>().PublicEventsAsync()).Select(e => e.Id));

        await ((LiteDbLiveEventStore)target.Get<ILiveEventStore>()).ImportAsync(records);

        Assert.Equal([imported.Id, local.Id], (await target.Get<ILiveEventStore>().PublicEventsAsync()).Select(e => e.Id));
    }

    private static LiveEvent Event(LiveEventAudience audience, DateTime startsAt) => new()
    {
        Id = Ids.New(), TwinSpaceId = Ids.New(), Title = "Water quiz", StartsAt = startsAt, DurationMinutes = 60, TimeZone = "Europe/Lisbon",
        Capacity = 10, CreatedBy = "host", CreatedAt = Start.AddDays(-1), HostIds = ["host"], Audience = audience,
    };
}
