using System.Collections.Concurrent;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Infrastructure.Storage;

/// <summary>
/// The embedded store's files: <c>catalog.db</c> (accounts, TwinSpaces, memberships), one
/// <c>twinspaces/&lt;id&gt;.db</c> per TwinSpace (its content, so no query can reach another project's data)
/// and the <c>blobs/</c> folder. Each file has its own writer, so projects write in parallel.
/// </summary>
public sealed class DatabaseFiles : IAsyncDisposable
{
    private readonly StorageOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ConcurrentDictionary<string, Lazy<DocumentDatabase>> _twinSpaceFiles = new();
    private readonly IReadOnlyList<string> _twinSpaceCollections;
    private readonly LiteDB.BsonMapper _mapper;

    public DatabaseFiles(IOptions<StorageOptions> options, IHostEnvironment environment, ILoggerFactory loggers,
        IEnumerable<TwinSpaceCollections>? twinSpaceCollections = null, IEnumerable<LiteDbMapping>? mappings = null)
    {
        _mapper = StorageMapper.Create(mappings ?? []);
        _twinSpaceCollections = (twinSpaceCollections ?? []).SelectMany(c => c.Names).Distinct().ToList();
        _options = options.Value;
        _loggers = loggers;
        DataDirectory = System.IO.Path.GetFullPath(_options.DataDirectory, environment.ContentRootPath);
        BlobDirectory = System.IO.Path.Combine(DataDirectory, "blobs");
        Directory.CreateDirectory(System.IO.Path.Combine(DataDirectory, "twinspaces"));
        Directory.CreateDirectory(BlobDirectory);
        Catalog = CreateDatabase(System.IO.Path.Combine(DataDirectory, "catalog.db"), []);
    }

    public string DataDirectory { get; }

    public string BlobDirectory { get; }

    public DocumentDatabase Catalog { get; }

    /// <summary>The file of one TwinSpace. The id is checked before it becomes part of a path.</summary>
    public DocumentDatabase ForTwinSpace(string twinSpaceId)
    {
        Require.Id(twinSpaceId, "twinSpaceId");
        return _twinSpaceFiles.GetOrAdd(twinSpaceId, id => new Lazy<DocumentDatabase>(
            () => CreateDatabase(System.IO.Path.Combine(DataDirectory, "twinspaces", id + ".db"), _twinSpaceCollections))).Value;
    }

    /// <summary>
    /// The TwinSpaces that have a file, in ordinal order: for copying every TwinSpace's records (<see cref="IStoreTransfer"/>).
    /// LiteDB's own files next to them (<c>&lt;id&gt;-log.db</c>) are not TwinSpace ids and are left out.
    /// </summary>
    public IReadOnlyList<string> TwinSpaceIds() =>
        Directory.EnumerateFiles(System.IO.Path.Combine(DataDirectory, "twinspaces"), "*.db")
            .Select(System.IO.Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(name => name.Length is > 0 and <= 64 && name.All(char.IsAsciiLetterOrDigit))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Closes every file idle for longer than the configured time; returns how many were closed.</summary>
    public int CloseIdleFiles()
    {
        var idleFor = TimeSpan.FromSeconds(_options.IdleCloseSeconds);
        var closed = Catalog.CloseIfIdle(idleFor) ? 1 : 0;
        foreach (var file in _twinSpaceFiles.Values)
            if (file.IsValueCreated && file.Value.CloseIfIdle(idleFor)) closed++;
        return closed;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var file in _twinSpaceFiles.Values)
            if (file.IsValueCreated) await file.Value.DisposeAsync().ConfigureAwait(false);
        await Catalog.DisposeAsync().ConfigureAwait(false);
    }

    private DocumentDatabase CreateDatabase(string path, IReadOnlyList<string> collections) =>
        new(path, _options.MaxWritesPerBatch, _loggers.CreateLogger<DocumentDatabase>(), collections, _mapper);
}
