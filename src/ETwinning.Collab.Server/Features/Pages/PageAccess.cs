using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// How a member stands to a page (author, assigned editor), and the page rules the guard evaluates on that
/// (<see cref="ResourceRule.ManagePage"/>, <see cref="ResourceRule.EditPage"/> in <see cref="ResourceRules"/>).
/// </summary>
public static class PageAccess
{
    /// <summary>Rename, describe, publish, delete, restore, assign editors, name versions and restore them.</summary>
    public static bool CanManage(MemberContext member, Page page) =>
        PermissionGuard.Allows(member, ResourceRule.ManagePage, RelationsOf(member, page));

    /// <summary>Write the page body.</summary>
    public static bool CanEdit(MemberContext member, Page page) =>
        PermissionGuard.Allows(member, ResourceRule.EditPage, RelationsOf(member, page));

    /// <summary>Author; assigned by name, or through a pupil team the member is in now (teams are on the membership).</summary>
    public static ResourceRelation RelationsOf(MemberContext member, Page page) =>
        (page.CreatedBy == member.AccountId ? ResourceRelation.Author : ResourceRelation.None)
        | (page.EditorIds.Contains(member.AccountId) || page.EditorTeamIds.Exists(member.Membership.TeamIds.Contains)
            ? ResourceRelation.AssignedEditor : ResourceRelation.None);

    /// <summary>Drafts are seen by those who can write them or create pages; published pages by every member.</summary>
    public static bool CanSee(MemberContext member, Page page) =>
        (page.IsPublished || CanEdit(member, page) || PermissionMatrix.Allows(member.Membership.Role, TwinSpaceAction.CreatePages))
        && (!page.IsDeleted || CanManage(member, page));

    /// <summary>Archived TwinSpaces are read-only: nobody edits there.</summary>
    public static bool IsWritable(MemberContext member) => member.TwinSpace.State == TwinSpaceState.Open;
}
