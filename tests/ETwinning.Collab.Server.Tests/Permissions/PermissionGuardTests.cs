using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Tests.Permissions;

public sealed class PermissionGuardTests : IAsyncLifetime
{
    private readonly TestStorage _storage = new();
    private LiteDbTwinSpaceStore _store = null!;
    private PermissionGuard _guard = null!;

    public async Task InitializeAsync()
    {
        _store = new LiteDbTwinSpaceStore(_storage.Files);
        _guard = new PermissionGuard(_store);
        await AddTwinSpaceAsync("spaceA", "CODEAAAA", "founderA");
        await AddTwinSpaceAsync("spaceB", "CODEBBBB", "founderB");
        await _store.TryAddMembersAsync([Member("spaceA", "pupilA", TwinSpaceRole.Pupil, AccountKind.Pupil)]);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task A_member_allowed_by_the_matrix_passes_with_their_context()
    {
        var member = await _guard.DemandAsync(Teacher("founderA"), "spaceA", TwinSpaceAction.InviteMembers);
        Assert.Equal("spaceA", member.TwinSpaceId);
        Assert.Equal(TwinSpaceRole.TeacherAdministrator, member.Membership.Role);
    }

    [Fact]
    public Task A_role_the_matrix_does_not_allow_is_forbidden() =>
        AssertRefusedAsync(ErrorCodes.Forbidden, () => _guard.DemandAsync(Pupil("pupilA", "spaceA"), "spaceA", TwinSpaceAction.CreatePupils));

    [Fact]
    public Task A_teacher_of_another_TwinSpace_is_forbidden() =>
        AssertRefusedAsync(ErrorCodes.Forbidden, () => _guard.DemandAsync(Teacher("founderB"), "spaceA", TwinSpaceAction.ViewTwinSpace));

    [Fact]
    public async Task A_pupil_token_is_refused_outside_its_TwinSpace_even_for_an_unknown_one()
    {
        await AssertRefusedAsync(ErrorCodes.Forbidden, () => _guard.DemandAsync(Pupil("pupilA", "spaceA"), "spaceB", TwinSpaceAction.ViewTwinSpace));
        await AssertRefusedAsync(ErrorCodes.Forbidden, () => _guard.DemandAsync(Pupil("pupilA", "spaceA"), "nosuchspace", TwinSpaceAction.ViewTwinSpace));
    }

    [Fact]
    public async Task Archived_means_reads_pass_and_writes_are_read_only()
    {
        await _store.UpdateAsync((await _store.FindAsync("spaceA"))! with { State = TwinSpaceState.Archived });
        await _guard.DemandAsync(Pupil("pupilA", "spaceA"), "spaceA", TwinSpaceAction.ViewPages);
        await _guard.DemandAsync(Teacher("founderA"), "spaceA", TwinSpaceAction.CloseTwinSpace);
        await AssertRefusedAsync(ErrorCodes.ReadOnly, () => _guard.DemandAsync(Teacher("founderA"), "spaceA", TwinSpaceAction.CreatePupils));
    }

    [Fact]
    public async Task Closed_is_not_found_for_everyone()
    {
        await _store.UpdateAsync((await _store.FindAsync("spaceA"))! with { State = TwinSpaceState.Closed });
        await AssertRefusedAsync(ErrorCodes.NotFound, () => _guard.DemandAsync(Teacher("founderA"), "spaceA", TwinSpaceAction.ViewTwinSpace));
    }

    [Fact]
    public Task Malformed_ids_are_invalid() =>
        AssertRefusedAsync(ErrorCodes.Invalid, () => _guard.DemandAsync(Teacher("founderA"), "../spaceA", TwinSpaceAction.ViewTwinSpace));

    private static async Task AssertRefusedAsync(string code, Func<ValueTask<MemberContext>> demand) =>
        Assert.Equal(code, (await Assert.ThrowsAsync<CollabException>(async () => await demand())).Code);

    private static CallerIdentity Teacher(string id) => new(id, AccountKind.Teacher, id, null);

    private static CallerIdentity Pupil(string id, string twinSpaceId) => new(id, AccountKind.Pupil, id, twinSpaceId);

    private Task AddTwinSpaceAsync(string id, string code, string founder) => _store.AddAsync(
        new TwinSpace { Id = id, Code = code, Title = id, CreatedBy = founder },
        Member(id, founder, TwinSpaceRole.TeacherAdministrator, AccountKind.Teacher) with { IsFounder = true });

    private static Membership Member(string twinSpaceId, string accountId, TwinSpaceRole role, AccountKind kind) => new()
    {
        Id = Membership.KeyOf(twinSpaceId, accountId), TwinSpaceId = twinSpaceId, AccountId = accountId, Role = role, Kind = kind, DisplayName = accountId,
    };
}
