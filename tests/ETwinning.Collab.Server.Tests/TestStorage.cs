using ETwinning.Collab.Server.Features.Chat;
using ETwinning.Collab.Server.Features.Moderation;
using ETwinning.Collab.Server.Infrastructure.Storage;
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

    public async ValueTask DisposeAsync()
    {
        await Files.DisposeAsync();
        _folder.Dispose();
    }

    // The collections the features register in the server, created when a file opens, as there.
    private DatabaseFiles Open() =>
        new(Microsoft.Extensions.Options.Options.Create(Options), new Environment(_folder.Path), NullLoggerFactory.Instance,
            [new TwinSpaceCollections(ChatCollections.All), new TwinSpaceCollections(LiteDbModerationStore.Collections)]);

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "tests";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
