using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace ETwinning.Collab.Server.Tests.Storage;

public sealed class DocumentDatabaseTests
{
    private sealed record Note
    {
        public int Id { get; init; }
        public string Text { get; init; } = "";
    }

    [Fact]
    public async Task Concurrent_writes_are_all_acknowledged_and_all_durable()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "notes.db");
        await using (var database = new DocumentDatabase(path, maxWritesPerBatch: 100, NullLogger.Instance))
        {
            var writes = Enumerable.Range(1, 2_000)
                .Select(i => Task.Run(() => database.WriteAsync(db => db.GetCollection<Note>("notes").Insert(new Note { Id = i, Text = $"note {i}" }))));
            await Task.WhenAll(writes);
        }
        // A fresh handle on the file sees every acknowledged write.
        using var reopened = new LiteDatabase(path);
        Assert.Equal(2_000, reopened.GetCollection<Note>("notes").Count());
    }

    [Fact]
    public async Task A_failing_write_fails_alone_and_its_batch_mates_commit()
    {
        using var folder = new TempFolder();
        await using var database = new DocumentDatabase(Path.Combine(folder.Path, "notes.db"), 100, NullLogger.Instance);
        await database.WriteAsync(db => db.GetCollection<Note>("notes").Insert(new Note { Id = 1, Text = "first" }));

        var good1 = database.WriteAsync(db => db.GetCollection<Note>("notes").Insert(new Note { Id = 2, Text = "good" }));
        var duplicate = database.WriteAsync(db => db.GetCollection<Note>("notes").Insert(new Note { Id = 1, Text = "duplicate key" }));
        var good2 = database.WriteAsync(db => db.GetCollection<Note>("notes").Insert(new Note { Id = 3, Text = "good" }));

        await good1;
        await good2;
        await Assert.ThrowsAsync<LiteException>(() => duplicate);
        var texts = database.Read(db => db.GetCollection<Note>("notes").FindAll().OrderBy(n => n.Id).Select(n => n.Text).ToList());
        Assert.Equal(["first", "good", "good"], texts);
    }

    [Fact]
    public async Task An_idle_file_closes_and_reopens_on_next_use_with_its_data()
    {
        using var folder = new TempFolder();
        await using var database = new DocumentDatabase(Path.Combine(folder.Path, "notes.db"), 100, NullLogger.Instance);
        await database.WriteAsync(db => db.GetCollection<Note>("notes").Insert(new Note { Id = 7, Text = "kept" }));
        Assert.True(database.IsOpen);

        Assert.False(database.CloseIfIdle(TimeSpan.FromHours(1)));
        Assert.True(database.CloseIfIdle(TimeSpan.Zero));
        Assert.False(database.IsOpen);

        Assert.Equal("kept", database.Read(db => db.GetCollection<Note>("notes").FindById(7).Text));
        Assert.True(database.IsOpen);
    }

    [Fact]
    public async Task Each_TwinSpace_has_its_own_file_and_ids_cannot_escape_the_folder()
    {
        await using var storage = new TestStorage();
        var a = storage.Files.ForTwinSpace("aaaa1111");
        var b = storage.Files.ForTwinSpace("bbbb2222");
        await a.WriteAsync(db => db.GetCollection<Note>("notes").Insert(new Note { Id = 1, Text = "A's" }));

        Assert.NotEqual(a.Path, b.Path);
        Assert.Equal(0, b.Read(db => db.GetCollection<Note>("notes").Count()));
        Assert.Same(a, storage.Files.ForTwinSpace("aaaa1111"));
        foreach (var hostile in new[] { "../catalog", "a/b", "", "x.db", new string('a', 65) })
            Assert.Throws<ETwinning.Collab.Server.Infrastructure.Errors.CollabException>(() => storage.Files.ForTwinSpace(hostile));
    }
}
