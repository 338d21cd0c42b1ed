using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using ETwinning.Collab.Server.Tests.Storage.LiteDb;
using ETwinning.Collab.Server.Tests.Storage.Postgres;

namespace ETwinning.Collab.Server.Tests.Storage.Transfer;

/// <summary>
/// A store added without a transfer would be left behind by <c>storage copy</c> without a word (its records are not in
/// either export, so the verification compares nothing). Every feature with a schema is therefore one both providers export.
/// </summary>
public sealed class TransferCoverageTests
{
    [Fact]
    public async Task Every_feature_with_a_PostgreSQL_schema_has_a_transfer_on_both_providers()
    {
        await using var postgres = await PostgresStoreProvider.OpenAsync();
        await using var liteDb = await LiteDbStoreProvider.OpenAsync();

        var schemaFeatures = postgres.Get<IEnumerable<PostgresMigration>>().Select(m => m.Feature).Distinct().Order(StringComparer.Ordinal);
        var postgresTransfers = postgres.Get<IEnumerable<IStoreTransfer>>().Select(t => t.Feature).Order(StringComparer.Ordinal);
        var liteDbTransfers = liteDb.Get<IEnumerable<IStoreTransfer>>().Select(t => t.Feature).Order(StringComparer.Ordinal);

        Assert.Equal(schemaFeatures, postgresTransfers);
        Assert.Equal(schemaFeatures, liteDbTransfers);
    }
}
