using System.Runtime.CompilerServices;
using ETwinning.Collab.Server.Infrastructure.Storage;

namespace ETwinning.Collab.Server.Features.Accounts;

public sealed partial class LiteDbAccountStore : IStoreTransfer
{
    public string Feature => AccountTransfer.Feature;

    public async IAsyncEnumerable<StoredRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var teacher in LiteDbTransfer.ReadAllAsync<TeacherAccount>(_catalog, Teachers, cancellationToken).ConfigureAwait(false))
            yield return new(AccountTransfer.Teacher, null, teacher);
        await foreach (var pupil in LiteDbTransfer.ReadAllAsync<PupilAccount>(_catalog, Pupils, cancellationToken).ConfigureAwait(false))
            yield return new(AccountTransfer.Pupil, null, pupil);
        await foreach (var token in LiteDbTransfer.ReadAllAsync<RefreshTokenRecord>(_catalog, RefreshTokens, cancellationToken).ConfigureAwait(false))
            yield return new(AccountTransfer.RefreshToken, null, token);
    }

    public Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default) => Write(db =>
    {
        foreach (var record in batch)
        {
            _ = record.Kind switch
            {
                AccountTransfer.Teacher => db.GetCollection<TeacherAccount>(Teachers).Upsert((TeacherAccount)record.Record),
                AccountTransfer.Pupil => db.GetCollection<PupilAccount>(Pupils).Upsert((PupilAccount)record.Record),
                AccountTransfer.RefreshToken => db.GetCollection<RefreshTokenRecord>(RefreshTokens).Upsert((RefreshTokenRecord)record.Record),
                _ => throw record.NotOf(Feature),
            };
        }
        return true;
    }, cancellationToken);
}
