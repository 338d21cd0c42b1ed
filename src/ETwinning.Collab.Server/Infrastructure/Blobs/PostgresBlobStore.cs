using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Infrastructure.Blobs;

/// <summary>
/// Blobs as files (<see cref="BlobFiles"/>) under <c>Storage:DataDirectory</c>, which every node must share, and their
/// reference counts in the shared database, so all nodes agree on them. A count change takes the blob's row lock and
/// the file move that goes with it happens while the lock is held, so an upload and the release of the last reference
/// to the same content, on any two nodes, cannot lose the file or leak it. A last release parks the file instead of
/// deleting it and deletes it only after the commit: if the commit fails the count comes back, and so does the file.
/// </summary>
public sealed partial class PostgresBlobStore : IBlobStore
{
    public static readonly PostgresMigration[] Migrations =
    [
        new("blobs", 1, """
            CREATE TABLE blobs (
                sha256 text PRIMARY KEY,
                size_bytes bigint NOT NULL,
                reference_count bigint NOT NULL,
                created_at timestamptz NOT NULL);
            """),
    ];

    private readonly PostgresDatabase _database;
    private readonly BlobFiles _files;
    private readonly TimeProvider _clock;

    public PostgresBlobStore(
        PostgresDatabase database, IOptions<StorageOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<PostgresBlobStore> logger)
    {
        _database = database;
        _files = new BlobFiles(Path.Combine(Path.GetFullPath(options.Value.DataDirectory, environment.ContentRootPath), "blobs"), logger);
        _clock = clock;
    }

    public string NewTempPath() => _files.NewTempPath();

    public Task AddAsync(string tempPath, string sha256, long sizeBytes, CancellationToken cancellationToken = default)
    {
        var target = _files.PathOf(sha256);
        cancellationToken.ThrowIfCancellationRequested();
        var createdAt = _clock.GetUtcNow().UtcDateTime;
        return _database.WriteAsync(async (connection, transaction, token) =>
        {
            var references = await connection.ScalarAsync(transaction, """
                INSERT INTO blobs AS b (sha256, size_bytes, reference_count, created_at) VALUES ($1, $2, 1, $3)
                ON CONFLICT (sha256) DO UPDATE SET reference_count = b.reference_count + 1
                RETURNING reference_count
                """, [sha256, sizeBytes, createdAt], 0L, token).ConfigureAwait(false);
            // A file missing although counted (lost with a failed commit elsewhere) is put back by the next upload.
            if (references > 1 && File.Exists(target)) File.Delete(tempPath);
            else _files.MoveIn(tempPath, sha256);
        }, cancellationToken);
    }

    public async Task ReleaseAsync(string sha256, CancellationToken cancellationToken = default)
    {
        var path = _files.PathOf(sha256);
        cancellationToken.ThrowIfCancellationRequested();
        var parked = _files.NewTempPath();
        bool wasLast;
        try
        {
            wasLast = await _database.WriteAsync(async (connection, transaction, token) =>
            {
                var left = await connection.ScalarAsync<long?>(transaction,
                    "UPDATE blobs SET reference_count = reference_count - 1 WHERE sha256 = $1 RETURNING reference_count", [sha256], null, token)
                    .ConfigureAwait(false);
                if (left is null or > 0) return false;
                await connection.ExecuteAsync(transaction, "DELETE FROM blobs WHERE sha256 = $1", [sha256], token).ConfigureAwait(false);
                if (File.Exists(path)) File.Move(path, parked);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Unpark(parked, path);
            throw;
        }
        if (wasLast) File.Delete(parked);
    }

    public ValueTask<string?> PathOfAsync(string sha256, CancellationToken cancellationToken = default)
    {
        var path = _files.PathOf(sha256);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(File.Exists(path) ? path : null);
    }

    public async ValueTask<long> ReferencesAsync(string sha256, CancellationToken cancellationToken = default)
    {
        BlobFiles.RequireHash(sha256);
        return await _database.ReadAsync((connection, token) => connection.ScalarAsync(null,
            "SELECT reference_count FROM blobs WHERE sha256 = $1", [sha256], 0L, token), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The release did not commit, so the blob is still counted: its file goes back. Content-addressed, so a file
    /// someone stored there meanwhile is the same content and wins; the parked copy is then dropped.
    /// </summary>
    private static void Unpark(string parked, string path)
    {
        if (!File.Exists(parked)) return;
        try { File.Move(parked, path, overwrite: false); }
        catch (IOException) { File.Delete(parked); }
    }
}
