using System.Runtime.CompilerServices;
using ETwinning.Collab.Server.Features.TwinSpaces.Teams;
using ETwinning.Collab.Server.Infrastructure.Storage;

namespace ETwinning.Collab.Server.Features.TwinSpaces;

public sealed partial class LiteDbTwinSpaceStore : IStoreTransfer
{
    public string Feature => TwinSpaceTransfer.Feature;

    public async IAsyncEnumerable<StoredRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var twinSpace in LiteDbTransfer.ReadAllAsync<TwinSpace>(_catalog, TwinSpaces, cancellationToken).ConfigureAwait(false))
            yield return new(TwinSpaceTransfer.TwinSpace, null, twinSpace);
        await foreach (var membership in LiteDbTransfer.ReadAllAsync<Membership>(_catalog, Memberships, cancellationToken).ConfigureAwait(false))
            yield return new(TwinSpaceTransfer.Membership, null, membership);
        await foreach (var team in LiteDbTransfer.ReadAllAsync<PupilTeam>(_catalog, PupilTeams, cancellationToken).ConfigureAwait(false))
            yield return new(TwinSpaceTransfer.PupilTeam, null, team);
        await foreach (var invitation in LiteDbTransfer.ReadAllAsync<Invitation>(_catalog, Invitations, cancellationToken).ConfigureAwait(false))
            yield return new(TwinSpaceTransfer.Invitation, null, invitation);
    }

    // Through the catalog's writer like every write, so the read-through caches see the new batch stamp and reload.
    public Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default) => Write(db =>
    {
        foreach (var record in batch)
        {
            _ = record.Kind switch
            {
                TwinSpaceTransfer.TwinSpace => db.GetCollection<TwinSpace>(TwinSpaces).Upsert((TwinSpace)record.Record),
                TwinSpaceTransfer.Membership => db.GetCollection<Membership>(Memberships).Upsert((Membership)record.Record),
                TwinSpaceTransfer.PupilTeam => db.GetCollection<PupilTeam>(PupilTeams).Upsert((PupilTeam)record.Record),
                TwinSpaceTransfer.Invitation => db.GetCollection<Invitation>(Invitations).Upsert((Invitation)record.Record),
                _ => throw record.NotOf(Feature),
            };
        }
        return true;
    }, cancellationToken);
}
