using System.Runtime.CompilerServices;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Storage;

namespace ETwinning.Collab.Server.Features.LiveEvents;

public sealed partial class LiteDbLiveEventStore : IStoreTransfer
{
    public string Feature => LiveEventTransfer.Feature;

    public async IAsyncEnumerable<StoredRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var twinSpaceId in files.TwinSpaceIds())
        {
            var file = files.ForTwinSpace(twinSpaceId);
            await foreach (var record in LiteDbTransfer.ReadAllAsync<LiveEvent>(file, Events_, cancellationToken).ConfigureAwait(false))
                yield return new(LiveEventTransfer.Event, twinSpaceId, record);
            await foreach (var record in LiteDbTransfer.ReadAllAsync<LiveRegistration>(file, Registrations_, cancellationToken).ConfigureAwait(false))
                yield return new(LiveEventTransfer.Registration, twinSpaceId, record);
            await foreach (var record in LiteDbTransfer.ReadAllAsync<LivePoll>(file, Polls_, cancellationToken).ConfigureAwait(false))
                yield return new(LiveEventTransfer.Poll, twinSpaceId, record);
            await foreach (var record in LiteDbTransfer.ReadAllAsync<LiveVote>(file, Votes_, cancellationToken).ConfigureAwait(false))
                yield return new(LiveEventTransfer.Vote, twinSpaceId, record);
            await foreach (var record in LiteDbTransfer.ReadAllAsync<LiveQuestion>(file, Questions_, cancellationToken).ConfigureAwait(false))
                yield return new(LiveEventTransfer.Question, twinSpaceId, record);
            await foreach (var record in LiteDbTransfer.ReadAllAsync<LiveAttendance>(file, Attendance_, cancellationToken).ConfigureAwait(false))
                yield return new(LiveEventTransfer.Attendance, twinSpaceId, record);
        }
    }

    // An event carries its own counters (seats, waitlist position, version), so the next registration continues from it.
    public async Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default)
    {
        foreach (var twinSpace in batch.GroupBy(record => record.RequireTwinSpace()))
        {
            await _twinSpaces.WriteAsync(twinSpace.Key, db =>
            {
                foreach (var record in twinSpace)
                {
                    _ = record.Record switch
                    {
                        LiveEvent e when record.Kind == LiveEventTransfer.Event => EventsOf(db).Upsert(e),
                        LiveRegistration r when record.Kind == LiveEventTransfer.Registration => RegistrationsOf(db).Upsert(r),
                        LivePoll p when record.Kind == LiveEventTransfer.Poll => PollsOf(db).Upsert(p),
                        LiveVote v when record.Kind == LiveEventTransfer.Vote => VotesOf(db).Upsert(v),
                        LiveQuestion q when record.Kind == LiveEventTransfer.Question => QuestionsOf(db).Upsert(q),
                        LiveAttendance a when record.Kind == LiveEventTransfer.Attendance => AttendanceOf(db).Upsert(a),
                        _ => throw record.NotOf(Feature),
                    };
                }
            }, cancellationToken).ConfigureAwait(false);
            // The catalog's index of public events learns them as AddEventAsync's do: a resumed copy into a data
            // directory whose index was already built would otherwise never list them.
            foreach (var e in twinSpace.Select(record => record.Record).OfType<LiveEvent>().Where(e => e.Audience == LiveEventAudience.PublicTeachers))
                await IndexAsync(twinSpace.Key, e.Id).ConfigureAwait(false);
        }
    }
}
