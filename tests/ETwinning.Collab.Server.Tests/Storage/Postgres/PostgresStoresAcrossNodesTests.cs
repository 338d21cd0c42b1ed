using System.Security.Cryptography;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.Materials;
using ETwinning.Collab.Server.Features.Moderation;
using ETwinning.Collab.Server.Features.Updates;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Blobs;
using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Tests.Storage.Postgres;

/// <summary>
/// Two engines on one database, as two server nodes: the named operations that must be atomic across nodes (login
/// counters, feed sequences and retries, one open review item, the quota, blob counts) hold when the concurrent calls
/// are split between them, which the single-provider contract suites cannot show.
/// </summary>
public sealed class PostgresStoresAcrossNodesTests : IAsyncLifetime
{
    private const int Concurrent = 50;
    private static readonly DateTime LockUntil = new(2030, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly TempFolder _folder = new();
    private PostgresDatabase[] _nodes = [];

    public async Task InitializeAsync()
    {
        var connectionString = await (await PostgresServer.Shared).CreateDatabaseAsync();
        _nodes = [Engine(connectionString), Engine(connectionString)];
        PostgresMigration[] steps =
        [
            .. PostgresAccountStore.Migrations, .. PostgresUpdateStore.Migrations, .. PostgresModerationStore.Migrations,
            .. PostgresMaterialStore.Migrations, .. PostgresBlobStore.Migrations,
        ];
        await new PostgresMigrator(_nodes[0], steps, NullLogger<PostgresMigrator>.Instance).MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Wrong_passwords_arriving_on_two_nodes_are_each_counted()
    {
        var stores = _nodes.Select(node => new PostgresAccountStore(node)).ToArray();
        var teacher = new TeacherAccount { Id = Ids.New(), Email = $"{Ids.New()}@school.test", DisplayName = "Teacher", Country = "AT" };
        Assert.True(await stores[0].TryAddTeacherAsync(teacher));

        var states = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(i =>
            Task.Run(() => stores[i % 2].RecordFailedLoginAsync(AccountKind.Teacher, teacher.Id, maxFailures: 1_000, LockUntil))));

        Assert.Equal(Enumerable.Range(1, Concurrent), states.Select(state => state!.FailedLogins).Order());
        Assert.Equal(Concurrent, (await stores[1].FindTeacherAsync(teacher.Id))!.FailedLogins);
    }

    [Fact]
    public async Task A_feed_written_on_two_nodes_numbers_each_entry_once_and_a_retry_on_either_node_returns_it()
    {
        var stores = _nodes.Select(node => new PostgresUpdateStore(node)).ToArray();
        var twinSpaceId = Ids.New();

        var stored = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(i =>
            Task.Run(() => stores[i % 2].AppendAsync(Entry(twinSpaceId, $"c{i}")))));
        var retries = await Task.WhenAll(stores.Select(store => Task.Run(() => store.AppendAsync(Entry(twinSpaceId, "c0")))));

        Assert.Equal(Enumerable.Range(1, Concurrent).Select(i => (long)i), stored.Select(entry => entry.Sequence).Order());
        Assert.All(retries, retry => Assert.Equal(stored[0].Sequence, retry.Sequence));
        Assert.Equal(Concurrent, (await stores[1].ListAsync(twinSpaceId, UpdateKind.Journal, null, 1_000)).Count);
    }

    [Fact]
    public async Task Reports_of_one_content_on_two_nodes_make_one_open_item()
    {
        var stores = _nodes.Select(node => new PostgresModerationStore(node)).ToArray();
        var twinSpaceId = Ids.New();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => stores[i % 2].AddOrMergeReviewItemAsync(twinSpaceId, Report($"r{i}")))));

        var item = Assert.Single(await stores[0].ReviewItemsAsync(twinSpaceId, null, openOnly: false, limit: 100));
        Assert.Equal(20, item.ReporterIds.Count);
    }

    [Fact]
    public async Task Uploads_on_two_nodes_never_pass_the_quota_together()
    {
        var stores = _nodes.Select(node => new PostgresMaterialStore(node)).ToArray();
        var twinSpaceId = Ids.New();

        var added = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            Task.Run(() => stores[i % 2].TryAddAsync(Material(twinSpaceId, 100), quotaBytes: 1_000))));

        Assert.Equal(10, added.Count(ok => ok));
        Assert.Equal(1_000, await stores[1].UsedBytesAsync(twinSpaceId));
    }

    [Fact]
    public async Task Blob_references_taken_and_dropped_on_two_nodes_keep_the_shared_file_exactly_while_referenced()
    {
        var stores = _nodes.Select(BlobStore).ToArray();
        var content = System.Text.Encoding.UTF8.GetBytes($"Worksheet {Guid.NewGuid()}\n");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var uploads = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var path = stores[i % 2].NewTempPath();
            await File.WriteAllBytesAsync(path, content);
            uploads.Add(path);
        }

        await Task.WhenAll(uploads.Select((path, i) => Task.Run(() => stores[i % 2].AddAsync(path, sha256, content.Length))));
        Assert.Equal(20, await stores[1].ReferencesAsync(sha256));
        await Task.WhenAll(Enumerable.Range(0, 19).Select(i => Task.Run(() => stores[i % 2].ReleaseAsync(sha256))));

        Assert.Equal(1, await stores[0].ReferencesAsync(sha256));
        Assert.Equal(content, await File.ReadAllBytesAsync((await stores[1].PathOfAsync(sha256))!));
        await stores[1].ReleaseAsync(sha256);
        Assert.Null(await stores[0].PathOfAsync(sha256));
    }

    private PostgresBlobStore BlobStore(PostgresDatabase node) => new(
        node, Options.Create(new StorageOptions { DataDirectory = _folder.Path }), new HostingEnvironment { ContentRootPath = _folder.Path },
        TimeProvider.System, NullLogger<PostgresBlobStore>.Instance);

    private static PostgresDatabase Engine(string connectionString) =>
        new(Options.Create(new PostgresOptions { ConnectionString = connectionString }), NullLogger<PostgresDatabase>.Instance);

    private static TwinSpaceUpdate Entry(string twinSpaceId, string clientId) => new()
    {
        Id = Ids.New(), TwinSpaceId = twinSpaceId, Kind = UpdateKind.Journal, ClientId = clientId, AuthorId = "teacher", AuthorName = "Teacher",
        Title = "Title", Text = "Text", CreatedAt = new DateTime(2026, 3, 12, 9, 0, 0, DateTimeKind.Utc),
    };

    private static ReviewItem Report(string reporterId) => new()
    {
        Id = Ids.New(), ContentKind = "chat.message", ContainerId = "a", ContentId = "1", ContentKey = "chat.message|a|1",
        AuthorId = "pupil", AuthorName = "Pupil", Excerpt = "text", Reason = ReviewReason.Reported,
        Reports = [$"{reporterId}: odd"], ReporterIds = [reporterId], CreatedAt = new DateTime(2026, 3, 12, 9, 0, 0, DateTimeKind.Utc),
    };

    private static Material Material(string twinSpaceId, long sizeBytes) => new()
    {
        Id = Ids.New(), TwinSpaceId = twinSpaceId, Kind = MaterialKind.Image, Title = "Photo", FileName = "photo.jpg",
        ContentType = "image/jpeg", SizeBytes = sizeBytes, UploadedBy = "teacher", UploaderName = "Teacher",
    };
}
