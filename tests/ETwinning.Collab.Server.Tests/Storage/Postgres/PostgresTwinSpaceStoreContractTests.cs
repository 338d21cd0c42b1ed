using ETwinning.Collab.Server.Tests.Storage.Contracts;

namespace ETwinning.Collab.Server.Tests.Storage.Postgres;

public sealed class PostgresTwinSpaceStoreContractTests : TwinSpaceStoreContractTests
{
    protected override Task<IStoreProvider> OpenProviderAsync() => PostgresStoreProvider.OpenAsync();
}
