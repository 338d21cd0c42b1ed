using ETwinning.Collab.Server.Features.Accounts;

namespace ETwinning.Collab.Server.Tests.Accounts;

public sealed class AccountStoreTests
{
    [Fact]
    public async Task Pupil_usernames_are_unique_per_TwinSpace_and_a_clashing_batch_stores_nothing()
    {
        await using var storage = new TestStorage();
        var store = new LiteDbAccountStore(storage.Files);
        Assert.True(await store.TryAddPupilsAsync([Pupil("p1", "spaceA", "fox12")]));

        Assert.False(await store.TryAddPupilsAsync([Pupil("p2", "spaceA", "owl34"), Pupil("p3", "spaceA", "fox12")]));
        Assert.Null(store.FindPupil("p2"));
        Assert.True(await store.TryAddPupilsAsync([Pupil("p4", "spaceB", "fox12")]));
        Assert.Equal("p1", store.FindPupilByUsername("spaceA", "fox12")!.Id);
        Assert.Equal("p4", store.FindPupilByUsername("spaceB", "fox12")!.Id);
    }

    [Fact]
    public async Task Teacher_e_mails_are_unique()
    {
        await using var storage = new TestStorage();
        var store = new LiteDbAccountStore(storage.Files);
        var teacher = new TeacherAccount { Id = "t1", Email = "a@school.test", DisplayName = "A", Country = "AT" };
        Assert.True(await store.TryAddTeacherAsync(teacher));
        Assert.False(await store.TryAddTeacherAsync(teacher with { Id = "t2" }));
        Assert.Null(store.FindTeacher("t2"));
    }

    private static PupilAccount Pupil(string id, string twinSpaceId, string username) => new()
    {
        Id = id, TwinSpaceId = twinSpaceId, Username = username, ScopedUsername = PupilAccount.Scope(twinSpaceId, username),
        Nickname = username, PasswordHash = "hash", CreatedBy = "teacher",
    };
}
