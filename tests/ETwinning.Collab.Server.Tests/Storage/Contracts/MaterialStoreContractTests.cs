using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Materials;
using ETwinning.Collab.Server.Infrastructure;

namespace ETwinning.Collab.Server.Tests.Storage.Contracts;

/// <summary>What every <see cref="IMaterialStore"/> provider guarantees: the quota, compare-and-set, deletes, avatars.</summary>
public abstract class MaterialStoreContractTests : StoreContract<IMaterialStore>
{
    private static readonly DateTime Start = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_quota_holds_exactly_when_uploads_arrive_at_once()
    {
        var space = NewTwinSpaceId();
        await Store.TryAddAsync(Material(space, 250), quotaBytes: 1_000);

        var added = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => Store.TryAddAsync(Material(space, 100), quotaBytes: 1_000))));

        Assert.Equal(7, added.Count(a => a));
        Assert.Equal(950, await Store.UsedBytesAsync(space));
        Assert.Equal(8, (await Store.MaterialsAsync(space)).Count);
        Assert.False(await Store.TryAddAsync(Material(space, 51), quotaBytes: 1_000));
        Assert.True(await Store.TryAddAsync(Material(space, 50), quotaBytes: 1_000));
    }

    [Fact]
    public async Task Delete_returns_the_material_as_it_was_once()
    {
        var space = NewTwinSpaceId();
        var material = Material(space, 10) with { Sha256 = new string('a', 64) };
        await Store.TryAddAsync(material, long.MaxValue);

        var deleted = await Store.DeleteAsync(space, material.Id);
        var again = await Store.DeleteAsync(space, material.Id);

        Assert.Equal((material.Id, material.Sha256, 1L), (deleted!.Id, deleted.Sha256, deleted.Version));
        Assert.Null(again);
        Assert.Null(await Store.FindAsync(space, material.Id));
        Assert.Equal(0, await Store.UsedBytesAsync(space));
    }

    [Fact]
    public async Task Replacing_a_material_is_compare_and_set_and_keeps_its_identity()
    {
        var space = NewTwinSpaceId();
        var material = Material(space, 10);
        await Store.TryAddAsync(material, long.MaxValue);
        var stored = (await Store.FindAsync(space, material.Id))!;
        Assert.Equal(1, stored.Version);

        var renamed = await Store.TryReplaceAsync(stored with { Title = "Renamed", UploadedBy = "someone", Kind = MaterialKind.Video }, stored.Version);
        var stale = await Store.TryReplaceAsync(stored with { Status = MaterialStatus.Ready }, stored.Version);

        Assert.Equal(("Renamed", "teacher", MaterialKind.Image, 2L), (renamed!.Title, renamed.UploadedBy, renamed.Kind, renamed.Version));
        Assert.Null(stale);
        var now = (await Store.FindAsync(space, material.Id))!;
        Assert.Equal(("Renamed", MaterialStatus.Processing), (now.Title, now.Status));
        await Store.DeleteAsync(space, material.Id);
        Assert.Null(await Store.TryReplaceAsync(now, now.Version));
        Assert.Null(await Store.FindAsync(space, material.Id));
    }

    [Fact]
    public async Task Concurrent_compare_and_sets_of_one_material_let_exactly_one_win()
    {
        var space = NewTwinSpaceId();
        var material = Material(space, 10);
        await Store.TryAddAsync(material, long.MaxValue);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => Store.TryReplaceAsync(material with { Title = $"Title {i}" }, 1))));

        var winner = Assert.Single(results, r => r is not null)!;
        Assert.Equal(winner.Title, (await Store.FindAsync(space, material.Id))!.Title);
    }

    [Fact]
    public async Task Albums_and_folders_are_deleted_only_when_empty()
    {
        var space = NewTwinSpaceId();
        var album = Collection(space, "Trip");
        var folder = Collection(space, "Worksheets");
        await Store.AddCollectionAsync(album);
        await Store.AddCollectionAsync(folder);
        var inAlbum = Material(space, 10) with { CollectionId = album.Id };
        await Store.TryAddAsync(inAlbum, long.MaxValue);

        Assert.True(await Store.TryUpdateCollectionAsync(album with { Title = "School trip" }));
        Assert.False(await Store.TryDeleteCollectionAsync(space, album.Id));
        Assert.True(await Store.TryDeleteCollectionAsync(space, folder.Id));
        Assert.False(await Store.TryDeleteCollectionAsync(space, folder.Id));
        Assert.False(await Store.TryUpdateCollectionAsync(folder with { Title = "Gone" }));

        Assert.Equal([("School trip", album.Id)], (await Store.CollectionsAsync(space)).Select(c => (c.Title, c.Id)));
        Assert.Null(await Store.FindCollectionAsync(space, folder.Id));
        await Store.DeleteAsync(space, inAlbum.Id);
        Assert.True(await Store.TryDeleteCollectionAsync(space, album.Id));
    }

    [Fact]
    public async Task Setting_an_avatar_returns_the_one_it_replaced()
    {
        var space = NewTwinSpaceId();
        var first = Avatar("pupil", 'a');
        var second = Avatar("pupil", 'b');

        Assert.Null(await Store.SetAvatarAsync(space, "pupil", first));
        Assert.Equal(first.Sha256, (await Store.SetAvatarAsync(space, "pupil", second))!.Sha256);
        await Store.SetAvatarAsync(space, "teacher", Avatar("teacher", 'c'));

        Assert.Equal(second.Sha256, (await Store.FindAvatarAsync(space, "pupil"))!.Sha256);
        Assert.Equal(["pupil", "teacher"], (await Store.AvatarsAsync(space)).Select(a => a.Id).Order());
        Assert.Equal(second.Sha256, (await Store.SetAvatarAsync(space, "pupil", null))!.Sha256);
        Assert.Null(await Store.FindAvatarAsync(space, "pupil"));
        Assert.Null(await Store.SetAvatarAsync(space, "pupil", null));
    }

    [Fact]
    public async Task Everything_written_survives_a_restart()
    {
        var space = NewTwinSpaceId();
        var folder = Collection(space, "Worksheets");
        await Store.AddCollectionAsync(folder);
        var material = Material(space, 42) with { CollectionId = folder.Id };
        await Store.TryAddAsync(material, long.MaxValue);
        var ready = material with
        {
            Status = MaterialStatus.Ready, Sha256 = new string('d', 64), Width = 640, Height = 480,
            Variants = [new StoredVariant { Variant = MaterialVariant.Thumbnail, Sha256 = new string('e', 64), ContentType = "image/webp", Width = 320, Height = 240 }],
        };
        await Store.TryReplaceAsync(ready, 1);
        await Store.SetAvatarAsync(space, "pupil", Avatar("pupil", 'f'));

        await RestartAsync();

        var stored = (await Store.FindAsync(space, material.Id))!;
        Assert.Equal((MaterialStatus.Ready, 2L, folder.Id, 640), (stored.Status, stored.Version, stored.CollectionId, stored.Width));
        Assert.Equal([new string('d', 64), new string('e', 64)], stored.BlobHashes());
        Assert.Equal(Start, stored.UploadedAt);
        Assert.Equal(42, await Store.UsedBytesAsync(space));
        Assert.NotNull(await Store.FindCollectionAsync(space, folder.Id));
        Assert.Equal(new string('f', 64), (await Store.FindAvatarAsync(space, "pupil"))!.Sha256);
    }

    [Fact]
    public async Task TwinSpaces_do_not_see_each_others_materials_or_quota()
    {
        var space = NewTwinSpaceId();
        var elsewhere = NewTwinSpaceId();
        var material = Material(space, 900);
        await Store.TryAddAsync(material, quotaBytes: 1_000);
        var folder = Collection(space, "Worksheets");
        await Store.AddCollectionAsync(folder);
        await Store.SetAvatarAsync(space, "pupil", Avatar("pupil", 'a'));

        Assert.True(await Store.TryAddAsync(Material(elsewhere, 900), quotaBytes: 1_000));
        Assert.Null(await Store.FindAsync(elsewhere, material.Id));
        Assert.Null(await Store.DeleteAsync(elsewhere, material.Id));
        Assert.Null(await Store.FindCollectionAsync(elsewhere, folder.Id));
        Assert.Null(await Store.FindAvatarAsync(elsewhere, "pupil"));
        Assert.Single(await Store.MaterialsAsync(elsewhere));
        Assert.Equal(900, await Store.UsedBytesAsync(space));
        Assert.NotNull(await Store.FindAsync(space, material.Id));
    }

    private static Material Material(string space, long sizeBytes) => new()
    {
        Id = Ids.New(), TwinSpaceId = space, Kind = MaterialKind.Image, Status = MaterialStatus.Processing, Title = "Photo",
        FileName = "photo.jpg", ContentType = "image/jpeg", SizeBytes = sizeBytes, UploadedBy = "teacher", UploaderName = "Teacher", UploadedAt = Start,
    };

    private static MaterialCollection Collection(string space, string title) => new()
    {
        Id = Ids.New(), TwinSpaceId = space, Kind = MaterialCollectionKind.Folder, Title = title, CreatedBy = "teacher", CreatedAt = Start,
    };

    private static MemberAvatar Avatar(string accountId, char hash) => new() { Id = accountId, Sha256 = new string(hash, 64), UpdatedAt = Start };
}
