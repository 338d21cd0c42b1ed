using System.Runtime.CompilerServices;
using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

namespace ETwinning.Collab.Server.Features.Accounts;

public sealed partial class PostgresAccountStore : IStoreTransfer
{
    public string Feature => AccountTransfer.Feature;

    public async IAsyncEnumerable<StoredRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var teacher in database.QueryAllAsync($"SELECT {TeacherColumns} FROM teachers ORDER BY id", ReadTeacher, cancellationToken)
            .ConfigureAwait(false))
            yield return new(AccountTransfer.Teacher, null, teacher);
        await foreach (var pupil in database.QueryAllAsync($"SELECT {PupilColumns} FROM pupils ORDER BY id", ReadPupil, cancellationToken)
            .ConfigureAwait(false))
            yield return new(AccountTransfer.Pupil, null, pupil);
        await foreach (var token in database.QueryAllAsync($"SELECT {TokenColumns} FROM refresh_tokens ORDER BY id", ReadToken, cancellationToken)
            .ConfigureAwait(false))
            yield return new(AccountTransfer.RefreshToken, null, token);
    }

    public Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            foreach (var record in batch)
            {
                var (sql, arguments) = record.Record switch
                {
                    TeacherAccount teacher when record.Kind == AccountTransfer.Teacher => ("""
                        INSERT INTO teachers (id, email, failed_logins, locked_until, doc) VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (id) DO UPDATE SET email = excluded.email, failed_logins = excluded.failed_logins,
                            locked_until = excluded.locked_until, doc = excluded.doc
                        """, new object?[] { teacher.Id, teacher.Email, teacher.FailedLogins, teacher.LockedUntil, PostgresDocument.Of(teacher) }),
                    PupilAccount pupil when record.Kind == AccountTransfer.Pupil => ("""
                        INSERT INTO pupils (id, twinspace_id, username, failed_logins, locked_until, doc) VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT (id) DO UPDATE SET twinspace_id = excluded.twinspace_id, username = excluded.username,
                            failed_logins = excluded.failed_logins, locked_until = excluded.locked_until, doc = excluded.doc
                        """, [pupil.Id, pupil.TwinSpaceId, pupil.Username, pupil.FailedLogins, pupil.LockedUntil, PostgresDocument.Of(pupil)]),
                    RefreshTokenRecord refresh when record.Kind == AccountTransfer.RefreshToken => ($"""
                        INSERT INTO refresh_tokens ({TokenColumns}) VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, family = excluded.family,
                            expires_at = excluded.expires_at, spent = excluded.spent
                        """, [refresh.Id, refresh.AccountId, refresh.Family, refresh.ExpiresAt, refresh.Spent]),
                    _ => throw record.NotOf(Feature),
                };
                await connection.ExecuteAsync(transaction, sql, arguments, token).ConfigureAwait(false);
            }
        }, cancellationToken);
}
