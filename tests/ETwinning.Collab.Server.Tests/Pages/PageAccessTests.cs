using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.Pages;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

namespace ETwinning.Collab.Server.Tests.Pages;

public sealed class PageAccessTests
{
    private static MemberContext Member(string accountId, TwinSpaceRole role, TwinSpaceState state = TwinSpaceState.Open)
    {
        var kind = role is TwinSpaceRole.Pupil or TwinSpaceRole.PupilAdministrator ? AccountKind.Pupil : AccountKind.Teacher;
        var twinSpace = new TwinSpace { Id = "space", Code = "CODE", Title = "T", CreatedBy = "founder", State = state };
        return new MemberContext(new CallerIdentity(accountId, kind, accountId, kind == AccountKind.Pupil ? "space" : null), twinSpace,
            new Membership { Id = Membership.KeyOf("space", accountId), TwinSpaceId = "space", AccountId = accountId, Role = role, Kind = kind, DisplayName = accountId });
    }

    private static Page Page(string createdBy, bool published = false, params string[] editors) =>
        new() { Id = "page", TwinSpaceId = "space", Title = "P", CreatedBy = createdBy, IsPublished = published, EditorIds = [.. editors] };

    [Theory]
    // role, is the author, is assigned -> may manage, may edit
    [InlineData(TwinSpaceRole.TeacherAdministrator, false, false, true, true)]
    [InlineData(TwinSpaceRole.Teacher, true, false, true, true)]
    [InlineData(TwinSpaceRole.Teacher, false, false, false, false)]
    [InlineData(TwinSpaceRole.Teacher, false, true, false, true)]
    [InlineData(TwinSpaceRole.PupilAdministrator, true, false, true, true)]
    [InlineData(TwinSpaceRole.Pupil, false, true, false, true)]
    [InlineData(TwinSpaceRole.Pupil, false, false, false, false)]
    [InlineData(TwinSpaceRole.Expert, false, true, false, false)]
    [InlineData(TwinSpaceRole.Observer, false, true, false, false)]
    public void Managing_and_editing_combine_the_matrix_with_authorship_and_assignment(
        TwinSpaceRole role, bool author, bool assigned, bool manage, bool edit)
    {
        var member = Member("me", role);
        var page = Page(author ? "me" : "someone", published: true, assigned ? ["me"] : []);
        Assert.Equal(manage, PageAccess.CanManage(member, page));
        Assert.Equal(edit, PageAccess.CanEdit(member, page));
    }

    [Fact]
    public void Drafts_are_hidden_from_members_who_cannot_write_them_and_deleted_pages_from_all_but_managers()
    {
        Assert.False(PageAccess.CanSee(Member("pupil", TwinSpaceRole.Pupil), Page("teacher")));
        Assert.True(PageAccess.CanSee(Member("pupil", TwinSpaceRole.Pupil), Page("teacher", false, "pupil")));
        Assert.True(PageAccess.CanSee(Member("pupil", TwinSpaceRole.Pupil), Page("teacher", published: true)));
        Assert.True(PageAccess.CanSee(Member("other", TwinSpaceRole.Teacher), Page("teacher")));
        var deleted = Page("teacher", published: true) with { DeletedAt = DateTime.UtcNow };
        Assert.False(PageAccess.CanSee(Member("pupil", TwinSpaceRole.Pupil), deleted));
        Assert.True(PageAccess.CanSee(Member("teacher", TwinSpaceRole.Teacher), deleted));
    }

    [Fact]
    public void Only_open_TwinSpaces_are_writable()
    {
        Assert.True(PageAccess.IsWritable(Member("a", TwinSpaceRole.TeacherAdministrator)));
        Assert.False(PageAccess.IsWritable(Member("a", TwinSpaceRole.TeacherAdministrator, TwinSpaceState.Archived)));
    }

    [Fact]
    public void The_menu_order_puts_parents_before_children_and_siblings_by_position()
    {
        Page P(string id, string? parent, int position) => new() { Id = id, TwinSpaceId = "space", Title = id, CreatedBy = "a", ParentId = parent, Position = position };
        var pages = new[] { P("c", "a", 1), P("b", null, 1), P("a", null, 0), P("d", "a", 0), P("e", "d", 0), P("orphan", "gone", 0) };
        Assert.Equal(["a", "d", "e", "c", "b", "orphan"], PageTreeService.TreeOrder(pages).Select(p => p.Id));
    }
}
