using ETwinning.Collab.Server.Tests.Storage.Contracts;
using ETwinning.Collab.Server.Tests.Storage.LiteDb;
using ETwinning.Collab.Server.Tests.Storage.Postgres;

namespace ETwinning.Collab.Server.Tests.Storage.Transfer;

/// <summary>The way a single server moves to a cluster: its LiteDB files into PostgreSQL.</summary>
public sealed class LiteDbToPostgresTransferTests : StoreTransferTests
{
    protected override Task<IStoreProvider> OpenSourceAsync() => LiteDbStoreProvider.OpenAsync();

    protected override Task<IStoreProvider> OpenTargetAsync() => PostgresStoreProvider.OpenAsync();
}
