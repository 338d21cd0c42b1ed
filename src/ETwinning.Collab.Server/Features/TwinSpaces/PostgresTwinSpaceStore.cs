using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces.Teams;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using Npgsql;

namespace ETwinning.Collab.Server.Features.TwinSpaces;

/// <summary>
/// TwinSpaces, memberships, pupil teams and invitations in the shared database. Records are kept whole in <c>doc</c>;
/// typed columns hold what SQL looks up (code, TwinSpace and account of a membership, kind for removals) and what
/// a named step changes in place without reading the record first: a membership's role and its team ids (an array,
/// so saving a team rewrites only the memberships that gain or lose it), an invitation's acceptance. Those columns
/// are the truth; their copies inside <c>doc</c> are overwritten on every read. Nothing is cached in memory: with
/// several nodes a cached membership would outlive a role change made on another node.
/// </summary>
public sealed partial class PostgresTwinSpaceStore(PostgresDatabase database) : ITwinSpaceStore
{
    public static readonly PostgresMigration[] Migrations =
    [
        new("twinspaces", 1, """
            CREATE TABLE twinspaces (
                id text PRIMARY KEY,
                code text NOT NULL UNIQUE,
                doc jsonb NOT NULL);
            CREATE TABLE memberships (
                twinspace_id text NOT NULL,
                account_id text NOT NULL,
                kind integer NOT NULL,
                role integer NOT NULL,
                team_ids text[] NOT NULL,
                doc jsonb NOT NULL,
                PRIMARY KEY (twinspace_id, account_id));
            CREATE INDEX memberships_account ON memberships (account_id);
            CREATE TABLE pupil_teams (
                id text PRIMARY KEY,
                twinspace_id text NOT NULL,
                doc jsonb NOT NULL);
            CREATE INDEX pupil_teams_twinspace ON pupil_teams (twinspace_id);
            CREATE TABLE invitations (
                id text PRIMARY KEY,
                twinspace_id text NOT NULL,
                accepted_by text,
                doc jsonb NOT NULL);
            """),
    ];

    private const string MembershipColumns = "doc, role, team_ids";
    private const string InsertMembership = """
        INSERT INTO memberships (twinspace_id, account_id, kind, role, team_ids, doc) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (twinspace_id, account_id) DO NOTHING
        """;

    public ValueTask<TwinSpace?> FindAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        ReadFirst("SELECT doc FROM twinspaces WHERE id = $1", [twinSpaceId], ReadTwinSpace, cancellationToken);

    public ValueTask<TwinSpace?> FindByCodeAsync(string code, CancellationToken cancellationToken = default) =>
        ReadFirst("SELECT doc FROM twinspaces WHERE code = $1", [code], ReadTwinSpace, cancellationToken);

    public Task AddAsync(TwinSpace twinSpace, Membership founder, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            await connection.ExecuteAsync(transaction, "INSERT INTO twinspaces (id, code, doc) VALUES ($1, $2, $3)",
                [twinSpace.Id, twinSpace.Code, PostgresDocument.Of(twinSpace)], token).ConfigureAwait(false);
            if (await connection.ExecuteAsync(transaction, InsertMembership, MembershipArguments(founder), token).ConfigureAwait(false) == 0)
                throw new InvalidOperationException($"The founder of TwinSpace {twinSpace.Id} is a member already.");
        }, cancellationToken);

    public Task UpdateAsync(TwinSpace twinSpace, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) => connection.ExecuteAsync(transaction,
            "UPDATE twinspaces SET code = $2, doc = $3 WHERE id = $1", [twinSpace.Id, twinSpace.Code, PostgresDocument.Of(twinSpace)], token),
            cancellationToken);

    public ValueTask<Membership?> FindMembershipAsync(string twinSpaceId, string accountId, CancellationToken cancellationToken = default) =>
        ReadFirst($"SELECT {MembershipColumns} FROM memberships WHERE twinspace_id = $1 AND account_id = $2",
            [twinSpaceId, accountId], row => ReadMembership(row, 0), cancellationToken);

    public async ValueTask<IReadOnlyList<Membership>> MembersAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        await database.ReadAsync((connection, token) => connection.QueryAsync(null,
            $"SELECT {MembershipColumns} FROM memberships WHERE twinspace_id = $1", [twinSpaceId], row => ReadMembership(row, 0), token),
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<int> CountMembersAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        (int)await database.ReadAsync((connection, token) => connection.ScalarAsync(null,
            "SELECT count(*) FROM memberships WHERE twinspace_id = $1", [twinSpaceId], 0L, token), cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<(TwinSpace TwinSpace, Membership Membership)>> TwinSpacesOfAsync(
        string accountId, CancellationToken cancellationToken = default) =>
        await database.ReadAsync((connection, token) => connection.QueryAsync(null, $"""
            SELECT t.doc, m.doc, m.role, m.team_ids FROM memberships m JOIN twinspaces t ON t.id = m.twinspace_id
            WHERE m.account_id = $1
            """, [accountId], row => (ReadTwinSpace(row), ReadMembership(row, 1)), token), cancellationToken).ConfigureAwait(false);

    public Task<bool> TryAddMembersAsync(IReadOnlyList<Membership> memberships, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (memberships.Select(m => (m.TwinSpaceId, m.AccountId)).Distinct().Count() != memberships.Count) return Task.FromResult(false);
        return database.WriteAsync((connection, transaction, token) => transaction.AllOrNoneAsync(async () =>
        {
            foreach (var membership in memberships)
                if (await connection.ExecuteAsync(transaction, InsertMembership, MembershipArguments(membership), token).ConfigureAwait(false) == 0)
                    return false;
            return true;
        }, token), cancellationToken);
    }

    public Task<Membership?> SetRoleAsync(string twinSpaceId, string accountId, TwinSpaceRole role, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) => connection.QueryFirstAsync(transaction, $"""
            UPDATE memberships SET role = $3 WHERE twinspace_id = $1 AND account_id = $2
            RETURNING {MembershipColumns}
            """, [twinSpaceId, accountId, role], row => ReadMembership(row, 0), token), cancellationToken);

    public Task RemoveMembershipAsync(string twinSpaceId, string accountId, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) => connection.ExecuteAsync(transaction,
            "DELETE FROM memberships WHERE twinspace_id = $1 AND account_id = $2", [twinSpaceId, accountId], token), cancellationToken);

    public Task RemoveMembershipsWhereAsync(string twinSpaceId, AccountKind kind, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) => connection.ExecuteAsync(transaction,
            "DELETE FROM memberships WHERE twinspace_id = $1 AND kind = $2", [twinSpaceId, kind], token), cancellationToken);

    public async ValueTask<IReadOnlyList<PupilTeam>> TeamsAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        await database.ReadAsync((connection, token) => connection.QueryAsync(null,
            "SELECT doc FROM pupil_teams WHERE twinspace_id = $1", [twinSpaceId], row => PostgresDocument.Read<PupilTeam>(row, 0), token),
            cancellationToken).ConfigureAwait(false);

    public Task SaveTeamAsync(PupilTeam team, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            // A team id of another TwinSpace is left alone: the upsert changes nothing and neither does the mirroring.
            var saved = await connection.ExecuteAsync(transaction, """
                INSERT INTO pupil_teams (id, twinspace_id, doc) VALUES ($1, $2, $3)
                ON CONFLICT (id) DO UPDATE SET doc = excluded.doc WHERE pupil_teams.twinspace_id = excluded.twinspace_id
                """, [team.Id, team.TwinSpaceId, PostgresDocument.Of(team)], token).ConfigureAwait(false);
            if (saved == 1) await MirrorTeamAsync(connection, transaction, team.TwinSpaceId, team.Id, [.. team.MemberIds], token).ConfigureAwait(false);
        }, cancellationToken);

    public Task<bool> DeleteTeamAsync(string twinSpaceId, string teamId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            if (await connection.ExecuteAsync(transaction, "DELETE FROM pupil_teams WHERE id = $1 AND twinspace_id = $2",
                [teamId, twinSpaceId], token).ConfigureAwait(false) == 0)
                return false;
            await MirrorTeamAsync(connection, transaction, twinSpaceId, teamId, [], token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task AddInvitationAsync(Invitation invitation, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) => connection.ExecuteAsync(transaction,
            "INSERT INTO invitations (id, twinspace_id, accepted_by, doc) VALUES ($1, $2, $3, $4)",
            [invitation.Id, invitation.TwinSpaceId, invitation.AcceptedBy, PostgresDocument.Of(invitation)], token), cancellationToken);

    public ValueTask<Invitation?> FindInvitationAsync(string tokenHash, CancellationToken cancellationToken = default) =>
        ReadFirst("SELECT doc, accepted_by FROM invitations WHERE id = $1", [tokenHash],
            row => PostgresDocument.Read<Invitation>(row, 0) with { AcceptedBy = PostgresStatement.NullableText(row, 1) }, cancellationToken);

    // The invitation's row lock orders concurrent acceptances; the savepoint takes the acceptance back when the
    // account turns out to be a member already.
    public Task<bool> TryAcceptInvitationAsync(string tokenHash, Membership member, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) => transaction.AllOrNoneAsync(async () =>
            await connection.ExecuteAsync(transaction, "UPDATE invitations SET accepted_by = $2 WHERE id = $1 AND accepted_by IS NULL",
                [tokenHash, member.AccountId], token).ConfigureAwait(false) == 1
            && await connection.ExecuteAsync(transaction, InsertMembership, MembershipArguments(member), token).ConfigureAwait(false) == 1,
            token), cancellationToken);

    /// <summary>Exactly <paramref name="memberIds"/> carry <paramref name="teamId"/> afterwards; other memberships are not rewritten.</summary>
    private static async Task MirrorTeamAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string twinSpaceId, string teamId, string[] memberIds, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(transaction, """
            UPDATE memberships SET team_ids = array_append(team_ids, $2)
            WHERE twinspace_id = $1 AND account_id = ANY($3) AND NOT ($2 = ANY(team_ids))
            """, [twinSpaceId, teamId, memberIds], cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(transaction, """
            UPDATE memberships SET team_ids = array_remove(team_ids, $2)
            WHERE twinspace_id = $1 AND NOT (account_id = ANY($3)) AND $2 = ANY(team_ids)
            """, [twinSpaceId, teamId, memberIds], cancellationToken).ConfigureAwait(false);
    }

    private static object?[] MembershipArguments(Membership membership) =>
        [membership.TwinSpaceId, membership.AccountId, membership.Kind, membership.Role, membership.TeamIds.ToArray(), PostgresDocument.Of(membership)];

    private static TwinSpace ReadTwinSpace(NpgsqlDataReader row) => PostgresDocument.Read<TwinSpace>(row, 0);

    /// <summary>A membership from <c>doc, role, team_ids</c> starting at <paramref name="first"/>.</summary>
    private static Membership ReadMembership(NpgsqlDataReader row, int first) => PostgresDocument.Read<Membership>(row, first) with
    {
        Role = (TwinSpaceRole)row.GetInt32(first + 1),
        TeamIds = [.. row.GetFieldValue<string[]>(first + 2)],
    };

    private ValueTask<T?> ReadFirst<T>(string sql, object?[] arguments, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
        where T : class =>
        new(database.ReadAsync((connection, token) => connection.QueryFirstAsync(null, sql, arguments, map, token), cancellationToken));
}
