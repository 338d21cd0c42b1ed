using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using Npgsql;

namespace ETwinning.Collab.Server.Features.Accounts;

/// <summary>
/// Accounts and refresh tokens in the shared database. Each account is its record whole (<c>doc</c>) plus typed columns
/// for what SQL looks up or changes in place: the unique e-mail, the (TwinSpace, username) pair that is unique per
/// TwinSpace, and the login counters, which one UPDATE counts on the row itself so that wrong passwords arriving
/// together on any number of nodes are each counted (the row lock orders them). The columns are the truth for the
/// counters: the copy inside <c>doc</c> is overwritten on every read.
/// </summary>
public sealed partial class PostgresAccountStore(PostgresDatabase database) : IAccountStore
{
    public static readonly PostgresMigration[] Migrations =
    [
        new("accounts", 1, """
            CREATE TABLE teachers (
                id text PRIMARY KEY,
                email text NOT NULL UNIQUE,
                failed_logins integer NOT NULL DEFAULT 0,
                locked_until timestamptz,
                doc jsonb NOT NULL);
            CREATE TABLE pupils (
                id text PRIMARY KEY,
                twinspace_id text NOT NULL,
                username text NOT NULL,
                failed_logins integer NOT NULL DEFAULT 0,
                locked_until timestamptz,
                doc jsonb NOT NULL,
                UNIQUE (twinspace_id, username));
            CREATE TABLE refresh_tokens (
                id text PRIMARY KEY,
                account_id text NOT NULL,
                family text NOT NULL,
                expires_at timestamptz NOT NULL,
                spent boolean NOT NULL DEFAULT false);
            CREATE INDEX refresh_tokens_family ON refresh_tokens (family);
            CREATE INDEX refresh_tokens_account ON refresh_tokens (account_id);
            """),
    ];

    private const string TeacherColumns = "doc, failed_logins, locked_until";
    private const string PupilColumns = "doc, failed_logins, locked_until";
    private const string TokenColumns = "id, account_id, family, expires_at, spent";

    public ValueTask<TeacherAccount?> FindTeacherAsync(string accountId, CancellationToken cancellationToken = default) =>
        ReadFirst($"SELECT {TeacherColumns} FROM teachers WHERE id = $1", [accountId], ReadTeacher, cancellationToken);

    public ValueTask<TeacherAccount?> FindTeacherByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        ReadFirst($"SELECT {TeacherColumns} FROM teachers WHERE email = $1", [email], ReadTeacher, cancellationToken);

    public async Task<bool> TryAddTeacherAsync(TeacherAccount teacher, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction, token) => connection.ExecuteAsync(transaction, """
            INSERT INTO teachers (id, email, failed_logins, locked_until, doc) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (email) DO NOTHING
            """, [teacher.Id, teacher.Email, teacher.FailedLogins, teacher.LockedUntil, PostgresDocument.Of(teacher)], token),
            cancellationToken).ConfigureAwait(false) == 1;

    public Task UpdateTeacherAsync(TeacherAccount teacher, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) => connection.ExecuteAsync(transaction,
            "UPDATE teachers SET email = $2, failed_logins = $3, locked_until = $4, doc = $5 WHERE id = $1",
            [teacher.Id, teacher.Email, teacher.FailedLogins, teacher.LockedUntil, PostgresDocument.Of(teacher)], token), cancellationToken);

    public ValueTask<PupilAccount?> FindPupilAsync(string accountId, CancellationToken cancellationToken = default) =>
        ReadFirst($"SELECT {PupilColumns} FROM pupils WHERE id = $1", [accountId], ReadPupil, cancellationToken);

    public ValueTask<PupilAccount?> FindPupilByUsernameAsync(string twinSpaceId, string username, CancellationToken cancellationToken = default) =>
        ReadFirst($"SELECT {PupilColumns} FROM pupils WHERE twinspace_id = $1 AND username = $2", [twinSpaceId, username], ReadPupil, cancellationToken);

    public async ValueTask<bool> PupilUsernameExistsAsync(string twinSpaceId, string username, CancellationToken cancellationToken = default) =>
        await database.ReadAsync((connection, token) => connection.ScalarAsync(null,
            "SELECT EXISTS (SELECT 1 FROM pupils WHERE twinspace_id = $1 AND username = $2)", [twinSpaceId, username], false, token),
            cancellationToken).ConfigureAwait(false);

    public Task<bool> TryAddPupilsAsync(IReadOnlyList<PupilAccount> pupils, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (pupils.Select(p => (p.TwinSpaceId, p.Username)).Distinct().Count() != pupils.Count) return Task.FromResult(false);
        // A username taken by a batch of another node that is not committed yet makes this insert wait for it, then skip.
        return database.WriteAsync((connection, transaction, token) => transaction.AllOrNoneAsync(async () =>
        {
            foreach (var pupil in pupils)
            {
                var inserted = await connection.ExecuteAsync(transaction, """
                    INSERT INTO pupils (id, twinspace_id, username, failed_logins, locked_until, doc) VALUES ($1, $2, $3, $4, $5, $6)
                    ON CONFLICT (twinspace_id, username) DO NOTHING
                    """, [pupil.Id, pupil.TwinSpaceId, pupil.Username, pupil.FailedLogins, pupil.LockedUntil, PostgresDocument.Of(pupil)],
                    token).ConfigureAwait(false);
                if (inserted == 0) return false;
            }
            return true;
        }, token), cancellationToken);
    }

    public Task UpdatePupilAsync(PupilAccount pupil, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) => connection.ExecuteAsync(transaction,
            "UPDATE pupils SET twinspace_id = $2, username = $3, failed_logins = $4, locked_until = $5, doc = $6 WHERE id = $1",
            [pupil.Id, pupil.TwinSpaceId, pupil.Username, pupil.FailedLogins, pupil.LockedUntil, PostgresDocument.Of(pupil)], token),
            cancellationToken);

    public Task DeletePupilAsync(string accountId, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) =>
            connection.ExecuteAsync(transaction, "DELETE FROM pupils WHERE id = $1", [accountId], token), cancellationToken);

    public Task DeletePupilsOfTwinSpaceAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) =>
            connection.ExecuteAsync(transaction, "DELETE FROM pupils WHERE twinspace_id = $1", [twinSpaceId], token), cancellationToken);

    // One statement: the new count and the lock are computed from the row as it stands when this UPDATE holds its lock.
    public Task<LoginAttempts?> RecordFailedLoginAsync(
        AccountKind kind, string accountId, int maxFailures, DateTime lockUntil, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) => connection.QueryFirstAsync(transaction, $"""
            UPDATE {TableOf(kind)} SET
                failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
                locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3 ELSE locked_until END
            WHERE id = $1
            RETURNING failed_logins, locked_until
            """, [accountId, maxFailures, lockUntil], ReadAttempts, token), cancellationToken);

    public Task<LoginAttempts?> RecordSuccessfulLoginAsync(
        AccountKind kind, string accountId, DateTime now, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) => connection.QueryFirstAsync(transaction, $"""
            UPDATE {TableOf(kind)} SET
                failed_logins = CASE WHEN locked_until > $2 THEN failed_logins ELSE 0 END,
                locked_until = CASE WHEN locked_until > $2 THEN locked_until ELSE NULL END
            WHERE id = $1
            RETURNING failed_logins, locked_until
            """, [accountId, now], ReadAttempts, token), cancellationToken);

    public ValueTask<RefreshTokenRecord?> FindRefreshTokenAsync(string tokenHash, CancellationToken cancellationToken = default) =>
        ReadFirst($"SELECT {TokenColumns} FROM refresh_tokens WHERE id = $1", [tokenHash], ReadToken, cancellationToken);

    public Task AddRefreshTokenAsync(RefreshTokenRecord token, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, cancel) => connection.ExecuteAsync(transaction,
            $"INSERT INTO refresh_tokens ({TokenColumns}) VALUES ($1, $2, $3, $4, $5)",
            [token.Id, token.AccountId, token.Family, token.ExpiresAt, token.Spent], cancel), cancellationToken);

    public async Task<bool> TrySpendRefreshTokenAsync(string tokenHash, CancellationToken cancellationToken = default) =>
        await database.WriteAsync((connection, transaction, token) => connection.ExecuteAsync(transaction,
            "UPDATE refresh_tokens SET spent = true WHERE id = $1 AND NOT spent", [tokenHash], token), cancellationToken).ConfigureAwait(false) == 1;

    public Task RevokeRefreshFamilyAsync(string family, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) =>
            connection.ExecuteAsync(transaction, "DELETE FROM refresh_tokens WHERE family = $1", [family], token), cancellationToken);

    public Task RevokeRefreshTokensOfAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) =>
            connection.ExecuteAsync(transaction, "DELETE FROM refresh_tokens WHERE account_id = $1", [accountId], token), cancellationToken);

    private static string TableOf(AccountKind kind) => kind == AccountKind.Pupil ? "pupils" : "teachers";

    private static TeacherAccount ReadTeacher(NpgsqlDataReader row) =>
        PostgresDocument.Read<TeacherAccount>(row, 0) with { FailedLogins = row.GetInt32(1), LockedUntil = PostgresStatement.NullableDate(row, 2) };

    private static PupilAccount ReadPupil(NpgsqlDataReader row) =>
        PostgresDocument.Read<PupilAccount>(row, 0) with { FailedLogins = row.GetInt32(1), LockedUntil = PostgresStatement.NullableDate(row, 2) };

    private static LoginAttempts ReadAttempts(NpgsqlDataReader row) => new(row.GetInt32(0), PostgresStatement.NullableDate(row, 1));

    private static RefreshTokenRecord ReadToken(NpgsqlDataReader row) => new()
    {
        Id = row.GetString(0), AccountId = row.GetString(1), Family = row.GetString(2), ExpiresAt = row.GetDateTime(3), Spent = row.GetBoolean(4),
    };

    private ValueTask<T?> ReadFirst<T>(string sql, object?[] arguments, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
        where T : class =>
        new(database.ReadAsync((connection, token) => connection.QueryFirstAsync(null, sql, arguments, map, token), cancellationToken));
}
