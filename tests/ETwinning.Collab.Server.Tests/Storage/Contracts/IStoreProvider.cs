namespace ETwinning.Collab.Server.Tests.Storage.Contracts;

/// <summary>
/// One storage provider as the contract suites see it: stores resolved as the server resolves them, and a restart
/// that closes everything and opens the same data again (what survives it is what was durable).
/// A provider's suites are one subclass per contract that says which provider to use.
/// </summary>
public interface IStoreProvider : IAsyncDisposable
{
    /// <summary>The store of this provider for <typeparamref name="TStore"/>, as the server registers it.</summary>
    TStore Get<TStore>() where TStore : notnull;

    /// <summary>Closes every store and opens the same data again, as a restarted server would.</summary>
    Task RestartAsync();
}
