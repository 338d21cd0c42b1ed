using ETwinning.Collab.Server.Features.TwinSpaces.Teams;
using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

namespace ETwinning.Collab.Server.Features.TwinSpaces;

public sealed partial class PostgresTwinSpaceStore : IStoreTransfer
{
    public string Feature => TwinSpaceTransfer.Feature;

    public IAsyncEnumerable<StoredRecord> ExportAsync(CancellationToken cancellationToken = default) => database.ExportAsync(
    [
        new("SELECT doc FROM twinspaces ORDER BY id", row => new(TwinSpaceTransfer.TwinSpace, null, ReadTwinSpace(row))),
        new($"SELECT {MembershipColumns} FROM memberships ORDER BY twinspace_id, account_id",
            row => new(TwinSpaceTransfer.Membership, null, ReadMembership(row, 0))),
        new("SELECT doc FROM pupil_teams ORDER BY id", row => new(TwinSpaceTransfer.PupilTeam, null, PostgresDocument.Read<PupilTeam>(row, 0))),
        new("SELECT doc, accepted_by FROM invitations ORDER BY id", row => new(TwinSpaceTransfer.Invitation, null,
            PostgresDocument.Read<Invitation>(row, 0) with { AcceptedBy = PostgresStatement.NullableText(row, 1) })),
    ], cancellationToken);

    public Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default) =>
        database.ImportAsync(batch, record => record.Record switch
        {
            TwinSpace twinSpace when record.Kind == TwinSpaceTransfer.TwinSpace => new("""
                INSERT INTO twinspaces (id, code, doc) VALUES ($1, $2, $3)
                ON CONFLICT (id) DO UPDATE SET code = excluded.code, doc = excluded.doc
                """, twinSpace.Id, twinSpace.Code, PostgresDocument.Of(twinSpace)),
            Membership membership when record.Kind == TwinSpaceTransfer.Membership => new("""
                INSERT INTO memberships (twinspace_id, account_id, kind, role, team_ids, doc) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (twinspace_id, account_id) DO UPDATE SET kind = excluded.kind, role = excluded.role,
                    team_ids = excluded.team_ids, doc = excluded.doc
                """, MembershipArguments(membership)),
            PupilTeam team when record.Kind == TwinSpaceTransfer.PupilTeam => new("""
                INSERT INTO pupil_teams (id, twinspace_id, doc) VALUES ($1, $2, $3)
                ON CONFLICT (id) DO UPDATE SET twinspace_id = excluded.twinspace_id, doc = excluded.doc
                """, team.Id, team.TwinSpaceId, PostgresDocument.Of(team)),
            Invitation invitation when record.Kind == TwinSpaceTransfer.Invitation => new("""
                INSERT INTO invitations (id, twinspace_id, accepted_by, doc) VALUES ($1, $2, $3, $4)
                ON CONFLICT (id) DO UPDATE SET twinspace_id = excluded.twinspace_id, accepted_by = excluded.accepted_by, doc = excluded.doc
                """, invitation.Id, invitation.TwinSpaceId, invitation.AcceptedBy, PostgresDocument.Of(invitation)),
            _ => throw record.NotOf(Feature),
        }, cancellationToken);
}
