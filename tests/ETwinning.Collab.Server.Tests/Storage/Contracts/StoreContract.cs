using ETwinning.Collab.Server.Infrastructure;

namespace ETwinning.Collab.Server.Tests.Storage.Contracts;

/// <summary>
/// Base of every store contract suite: the behaviour a feature relies on, written once against the store
/// interface. A provider passes a contract when its subclass (which only says how to open the provider) passes.
/// Each test works in TwinSpaces of its own (<see cref="NewTwinSpaceId"/>), so a provider may share one database
/// between tests.
/// </summary>
public abstract class StoreContract<TStore> : IAsyncLifetime where TStore : notnull
{
    private IStoreProvider? _provider;

    /// <summary>Opens the provider under test (a fresh folder, a fresh schema, ...).</summary>
    protected abstract Task<IStoreProvider> OpenProviderAsync();

    protected IStoreProvider Provider => _provider ?? throw new InvalidOperationException("The provider is not open.");

    /// <summary>The store under test; after <see cref="RestartAsync"/> the restarted one.</summary>
    protected TStore Store => Provider.Get<TStore>();

    /// <summary>Another store of the same provider (a store that works with this one, such as the TwinSpace store).</summary>
    protected TOther Other<TOther>() where TOther : notnull => Provider.Get<TOther>();

    protected static string NewTwinSpaceId() => Ids.New();

    protected Task RestartAsync() => Provider.RestartAsync();

    public async Task InitializeAsync() => _provider = await OpenProviderAsync();

    public async Task DisposeAsync()
    {
        if (_provider is not null) await _provider.DisposeAsync();
    }
}
