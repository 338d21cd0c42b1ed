using ETwinning.Collab.Server.Tests.Storage.Contracts;

namespace ETwinning.Collab.Server.Tests.Storage.Postgres;

public sealed class PostgresAuditLogContractTests : AuditLogContractTests
{
    protected override Task<IStoreProvider> OpenProviderAsync() => PostgresStoreProvider.OpenAsync();
}
