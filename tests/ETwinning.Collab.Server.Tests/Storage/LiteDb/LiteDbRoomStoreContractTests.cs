using ETwinning.Collab.Server.Tests.Storage.Contracts;

namespace ETwinning.Collab.Server.Tests.Storage.LiteDb;

public sealed class LiteDbRoomStoreContractTests : RoomStoreContractTests
{
    protected override Task<IStoreProvider> OpenProviderAsync() => LiteDbStoreProvider.OpenAsync();
}
