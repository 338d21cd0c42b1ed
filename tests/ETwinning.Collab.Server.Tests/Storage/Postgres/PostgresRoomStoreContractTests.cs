using ETwinning.Collab.Server.Tests.Storage.Contracts;

namespace ETwinning.Collab.Server.Tests.Storage.Postgres;

public sealed class PostgresRoomStoreContractTests : RoomStoreContractTests
{
    protected override Task<IStoreProvider> OpenProviderAsync() => PostgresStoreProvider.OpenAsync();
}
