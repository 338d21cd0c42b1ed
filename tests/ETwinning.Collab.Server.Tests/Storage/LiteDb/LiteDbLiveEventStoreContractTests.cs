using ETwinning.Collab.Server.Tests.Storage.Contracts;

namespace ETwinning.Collab.Server.Tests.Storage.LiteDb;

public sealed class LiteDbLiveEventStoreContractTests : LiveEventStoreContractTests { protected override Task<IStoreProvider> OpenProviderAsync() => LiteDbStoreProvider.OpenAsync(); }
