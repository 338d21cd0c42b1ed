using ETwinning.Collab.Server.Tests.Storage.Contracts;

namespace ETwinning.Collab.Server.Tests.Storage.Postgres;

public sealed class PostgresLiveEventStoreContractTests : LiveEventStoreContractTests { protected override Task<IStoreProvider> OpenProviderAsync() => PostgresStoreProvider.OpenAsync(); }
