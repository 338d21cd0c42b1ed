using ETwinning.Collab.Server.Features.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Tests;

/// <summary>Real LiteDB files in a temporary folder, for store and service tests without a host.</summary>
public sealed class TestStorage : IAsyncDisposable
{
    private readonly TempFolder _folder = new();

    public TestStorage(int idleCloseSeconds = 300)
    {
        Options = new StorageOptions { DataDirectory = _folder.Path, IdleCloseSeconds = idleCloseSeconds };
        Files = Open();
    }

    public StorageOptions Options { get; }

    public DatabaseFiles Files { get; private set; }

    public string Folder => _folder.Path;

    /// <summary>Closes every file and opens the folder again, as a restarted server would.</summary>
    public async Task RestartAsync()
    {
        await Files.DisposeAsync();
        Files = Open();
    }

    /// <summary>Closes the TwinSpace's file as the idle closer would, once the writes in flight have settled.</summary>
    public async Task CloseWhenIdleAsync(string twinSpaceId)
    {
        var file = Files.ForTwinSpace(twinSpaceId);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await Task.Delay(20);
            if (file.CloseIfIdle(TimeSpan.FromMilliseconds(10))) return;
        }
        throw new TimeoutException($"The file of {twinSpaceId} never went idle.");
    }

    public async ValueTask DisposeAsync()
    {
        await Files.DisposeAsync();
        _folder.Dispose();
    }

    // The collections and mappings the server's LiteDB provider registers, so files open here as they do there.
    private static readonly IServiceCollection Provider = new ServiceCollection().AddLiteDbStores();

    private DatabaseFiles Open() =>
        new(Microsoft.Extensions.Options.Options.Create(Options), new Environment(_folder.Path), NullLoggerFactory.Instance,
            Registered<TwinSpaceCollections>(), Registered<LiteDbMapping>());

    private static List<T> Registered<T>() =>
        Provider.Where(d => d.ServiceType == typeof(T)).Select(d => (T)d.ImplementationInstance!).ToList();

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "tests";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
