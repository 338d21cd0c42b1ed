using System.Security.Cryptography;
using ETwinning.Collab.Server.Infrastructure.Blobs;

namespace ETwinning.Collab.Server.Tests.Storage.Contracts;

/// <summary>What every <see cref="IBlobStore"/> provider guarantees: one file per content, counted references, no lost or leaked file.</summary>
public abstract class BlobStoreContractTests : StoreContract<IBlobStore>
{
    [Fact]
    public async Task The_same_content_added_twice_is_one_file_deleted_with_the_last_release()
    {
        var content = Content();
        var (first, sha256) = await TempFileAsync(content);
        var (second, _) = await TempFileAsync(content);

        await Store.AddAsync(first, sha256, content.Length);
        await Store.AddAsync(second, sha256, content.Length);

        Assert.False(File.Exists(first));
        Assert.False(File.Exists(second));
        Assert.Equal(2, await Store.ReferencesAsync(sha256));
        var path = (await Store.PathOfAsync(sha256))!;
        Assert.Equal(content, await File.ReadAllBytesAsync(path));

        await Store.ReleaseAsync(sha256);
        Assert.Equal(1, await Store.ReferencesAsync(sha256));
        Assert.True(File.Exists(path));

        await Store.ReleaseAsync(sha256);
        Assert.Equal(0, await Store.ReferencesAsync(sha256));
        Assert.False(File.Exists(path));
        Assert.Null(await Store.PathOfAsync(sha256));

        await Store.ReleaseAsync(sha256);
        Assert.Equal(0, await Store.ReferencesAsync(sha256));
    }

    [Fact]
    public async Task Concurrent_adds_of_new_content_make_one_file_with_every_reference()
    {
        var content = Content();
        var files = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => TempFileAsync(content)));

        await Task.WhenAll(files.Select(file => Task.Run(() => Store.AddAsync(file.Path, file.Sha256, content.Length))));

        var sha256 = files[0].Sha256;
        Assert.Equal(20, await Store.ReferencesAsync(sha256));
        Assert.Equal(content, await File.ReadAllBytesAsync((await Store.PathOfAsync(sha256))!));
        Assert.All(files, file => Assert.False(File.Exists(file.Path)));
    }

    [Fact]
    public async Task Concurrent_adds_and_releases_neither_lose_nor_leak_the_file()
    {
        var content = Content();
        var initial = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => TempFileAsync(content)));
        foreach (var file in initial) await Store.AddAsync(file.Path, file.Sha256, content.Length);
        var sha256 = initial[0].Sha256;
        var more = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => TempFileAsync(content)));

        // 30 references held; 30 more arrive while 29 go: never fewer than one, so the file must stay throughout.
        await Task.WhenAll(more.Select(file => Task.Run(() => Store.AddAsync(file.Path, sha256, content.Length)))
            .Concat(Enumerable.Range(0, 29).Select(_ => Task.Run(() => Store.ReleaseAsync(sha256)))));

        Assert.Equal(31, await Store.ReferencesAsync(sha256));
        var path = (await Store.PathOfAsync(sha256))!;
        Assert.Equal(content, await File.ReadAllBytesAsync(path));

        await Task.WhenAll(Enumerable.Range(0, 31).Select(_ => Task.Run(() => Store.ReleaseAsync(sha256))));

        Assert.Equal(0, await Store.ReferencesAsync(sha256));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Content_added_after_its_last_release_is_stored_again()
    {
        var content = Content();
        var (first, sha256) = await TempFileAsync(content);
        await Store.AddAsync(first, sha256, content.Length);
        await Store.ReleaseAsync(sha256);

        var (again, _) = await TempFileAsync(content);
        await Store.AddAsync(again, sha256, content.Length);

        Assert.Equal(1, await Store.ReferencesAsync(sha256));
        Assert.Equal(content, await File.ReadAllBytesAsync((await Store.PathOfAsync(sha256))!));
    }

    [Fact]
    public async Task Blobs_and_their_counts_survive_a_restart()
    {
        var content = Content();
        var (first, sha256) = await TempFileAsync(content);
        var (second, _) = await TempFileAsync(content);
        await Store.AddAsync(first, sha256, content.Length);
        await Store.AddAsync(second, sha256, content.Length);

        await RestartAsync();

        Assert.Equal(2, await Store.ReferencesAsync(sha256));
        Assert.Equal(content, await File.ReadAllBytesAsync((await Store.PathOfAsync(sha256))!));
        await Store.ReleaseAsync(sha256);
        await Store.ReleaseAsync(sha256);
        Assert.Null(await Store.PathOfAsync(sha256));
    }

    [Fact]
    public async Task A_hash_that_is_not_a_sha256_is_refused_before_it_becomes_a_path()
    {
        await Assert.ThrowsAsync<ArgumentException>(async () => await Store.PathOfAsync("../../etc/passwd"));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ReleaseAsync(new string('A', 64)));
        await Assert.ThrowsAsync<ArgumentException>(async () => await Store.ReferencesAsync("abc"));
    }

    private static byte[] Content() => System.Text.Encoding.UTF8.GetBytes($"Worksheet {Guid.NewGuid()}\n");

    private async Task<(string Path, string Sha256)> TempFileAsync(byte[] content)
    {
        var path = Store.NewTempPath();
        await File.WriteAllBytesAsync(path, content);
        return (path, Convert.ToHexStringLower(SHA256.HashData(content)));
    }
}
