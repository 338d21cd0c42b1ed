using ETwinning.Collab.Server.Tests.Storage.Contracts;

namespace ETwinning.Collab.Server.Tests.Storage.LiteDb;

public sealed class LiteDbAccountStoreContractTests : AccountStoreContractTests
{
    protected override Task<IStoreProvider> OpenProviderAsync() => LiteDbStoreProvider.OpenAsync();
}
