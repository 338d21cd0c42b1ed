using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

namespace ETwinning.Collab.Server.Features.Accounts;

public sealed partial class PostgresAccountStore : IStoreTransfer
{
    public string Feature => AccountTransfer.Feature;

    public IAsyncEnumerable<StoredRecord> ExportAsync(CancellationToken cancellationToken = default) => database.ExportAsync(
    [
        new($"SELECT {TeacherColumns} FROM teachers ORDER BY id", row => new(AccountTransfer.Teacher, null, ReadTeacher(row))),
        new($"SELECT {PupilColumns} FROM pupils ORDER BY id", row => new(AccountTransfer.Pupil, null, ReadPupil(row))),
        new($"SELECT {TokenColumns} FROM refresh_tokens ORDER BY id", row => new(AccountTransfer.RefreshToken, null, ReadToken(row))),
    ], cancellationToken);

    public Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default) =>
        database.ImportAsync(batch, record => record.Record switch
        {
            TeacherAccount teacher when record.Kind == AccountTransfer.Teacher => new("""
                INSERT INTO teachers (id, email, failed_logins, locked_until, doc) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (id) DO UPDATE SET email = excluded.email, failed_logins = excluded.failed_logins,
                    locked_until = excluded.locked_until, doc = excluded.doc
                """, teacher.Id, teacher.Email, teacher.FailedLogins, teacher.LockedUntil, PostgresDocument.Of(teacher)),
            PupilAccount pupil when record.Kind == AccountTransfer.Pupil => new("""
                INSERT INTO pupils (id, twinspace_id, username, failed_logins, locked_until, doc) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (id) DO UPDATE SET twinspace_id = excluded.twinspace_id, username = excluded.username,
                    failed_logins = excluded.failed_logins, locked_until = excluded.locked_until, doc = excluded.doc
                """, pupil.Id, pupil.TwinSpaceId, pupil.Username, pupil.FailedLogins, pupil.LockedUntil, PostgresDocument.Of(pupil)),
            RefreshTokenRecord refresh when record.Kind == AccountTransfer.RefreshToken => new($"""
                INSERT INTO refresh_tokens ({TokenColumns}) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, family = excluded.family,
                    expires_at = excluded.expires_at, spent = excluded.spent
                """, refresh.Id, refresh.AccountId, refresh.Family, refresh.ExpiresAt, refresh.Spent),
            _ => throw record.NotOf(Feature),
        }, cancellationToken);
}
