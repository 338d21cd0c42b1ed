using ETwinning.Collab.Server.Tests.Storage.Contracts;
using ETwinning.Collab.Server.Tests.Storage.LiteDb;

namespace ETwinning.Collab.Server.Tests.Storage.Transfer;

/// <summary>One data directory into another: the embedded store's export and import against each other.</summary>
public sealed class LiteDbToLiteDbTransferTests : StoreTransferTests
{
    protected override Task<IStoreProvider> OpenSourceAsync() => LiteDbStoreProvider.OpenAsync();

    protected override Task<IStoreProvider> OpenTargetAsync() => LiteDbStoreProvider.OpenAsync();
}
