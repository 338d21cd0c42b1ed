using ETwinning.Collab.Server.Tests.Storage.Contracts;
using ETwinning.Collab.Server.Tests.Storage.LiteDb;
using ETwinning.Collab.Server.Tests.Storage.Postgres;

namespace ETwinning.Collab.Server.Tests.Storage.Transfer;

/// <summary>The way back: a PostgreSQL database into LiteDB files (dates keep LiteDB's millisecond precision).</summary>
public sealed class PostgresToLiteDbTransferTests : StoreTransferTests
{
    protected override Task<IStoreProvider> OpenSourceAsync() => PostgresStoreProvider.OpenAsync();

    protected override Task<IStoreProvider> OpenTargetAsync() => LiteDbStoreProvider.OpenAsync();
}
