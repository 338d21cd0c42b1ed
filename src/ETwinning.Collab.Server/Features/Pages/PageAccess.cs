using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// The resource rules of pages: which member may manage or write which page. The role part of each rule is
/// asked of <see cref="PermissionMatrix"/>; what is decided here is only "is this their page / assigned to them".
/// </summary>
public static class PageAccess
{
    /// <summary>Rename, describe, publish, delete, restore, assign editors, name versions and restore them.</summary>
    public static bool CanManage(MemberContext member, Page page) =>
        Allows(member, TwinSpaceAction.ManageAnyPage)
        || (Allows(member, TwinSpaceAction.EditOwnPages) && page.CreatedBy == member.AccountId);

    /// <summary>Write the page body.</summary>
    public static bool CanEdit(MemberContext member, Page page) =>
        CanManage(member, page)
        || (Allows(member, TwinSpaceAction.EditAssignedPages) && IsAssigned(member, page));

    /// <summary>Assigned by name, or through a pupil team the member is in now (teams are on the membership).</summary>
    private static bool IsAssigned(MemberContext member, Page page) =>
        page.EditorIds.Contains(member.AccountId) || page.EditorTeamIds.Exists(member.Membership.TeamIds.Contains);

    /// <summary>Drafts are seen by those who can write them or create pages; published pages by every member.</summary>
    public static bool CanSee(MemberContext member, Page page) =>
        (page.IsPublished || CanEdit(member, page) || Allows(member, TwinSpaceAction.CreatePages))
        && (!page.IsDeleted || CanManage(member, page));

    /// <summary>Archived TwinSpaces are read-only: nobody edits there.</summary>
    public static bool IsWritable(MemberContext member) => member.TwinSpace.State == TwinSpaceState.Open;

    private static bool Allows(MemberContext member, TwinSpaceAction action) =>
        PermissionMatrix.Allows(member.Membership.Role, action);
}
