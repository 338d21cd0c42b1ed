using ETwinning.Collab.Server.Infrastructure.Storage;

namespace ETwinning.Collab.Server.Tests.Storage;

public sealed class ReadThroughCacheTests : IAsyncLifetime
{
    private readonly TestStorage _storage = new();
    private DocumentDatabase File => _storage.Files.Catalog;

    public Task InitializeAsync() => File.WriteAsync(db => db.GetCollection<Note>("notes").Insert(new Note { Id = "n", Text = "first" }));

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Reads_come_from_memory_until_any_write_lands()
    {
        var cache = new ReadThroughCache<string, Note>(File, capacity: 10);
        var reads = 0;
        Note? Read() => cache.Get("n", () => { reads++; return File.Read(db => db.GetCollection<Note>("notes").FindById("n")); });

        Assert.Equal("first", Read()!.Text);
        Assert.Equal("first", Read()!.Text);
        Assert.Equal(1, reads);

        // A write to another collection of the same file retires the entry too: the cache does not guess what a write changes.
        await File.WriteAsync(db => db.GetCollection<Note>("other").Insert(new Note { Id = "x", Text = "x" }));
        Read();
        Assert.Equal(2, reads);

        await File.WriteAsync(db => db.GetCollection<Note>("notes").Update(new Note { Id = "n", Text = "second" }));
        Assert.Equal("second", Read()!.Text);
    }

    [Fact]
    public async Task Nothing_read_while_a_write_is_outstanding_is_kept()
    {
        var cache = new ReadThroughCache<string, Note>(File, capacity: 10);
        using var inWrite = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var write = File.WriteAsync(db =>
        {
            inWrite.Set();
            release.Wait();
            db.GetCollection<Note>("notes").Update(new Note { Id = "n", Text = "changed" });
        });
        inWrite.Wait();
        // While a write is outstanding there is no stamp, so nothing read now can be kept or served from memory.
        Assert.Null(File.ReadStamp);

        // Read during the write: the old value, correctly, but it must not outlive the write.
        Assert.Equal("first", cache.Get("n", () => File.Read(db => db.GetCollection<Note>("notes").FindById("n")))!.Text);
        release.Set();
        await write;
        // The writer moves the stamp before it wakes the caller, so a caller reading its own write at once can keep it.
        Assert.NotNull(File.ReadStamp);

        Assert.Equal("changed", cache.Get("n", () => File.Read(db => db.GetCollection<Note>("notes").FindById("n")))!.Text);
    }

    public sealed class Note
    {
        public string Id { get; set; } = "";
        public string Text { get; set; } = "";
    }
}
