using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

namespace ETwinning.Collab.Server.Tests.Permissions;

/// <summary>
/// Every cell of the matrix against the roles table of DOMAIN.md, written out again here as the specification:
/// a change to the matrix that the domain does not call for fails one of these cases.
/// </summary>
public sealed class PermissionMatrixTests
{
    // Who may, per DOMAIN.md: TA = teacher administrator, T = teacher, E = expert, O = observer, PA = pupil administrator, P = pupil.
    private static readonly Dictionary<TwinSpaceAction, string> Specification = new()
    {
        [TwinSpaceAction.ViewTwinSpace] = "TA T E O PA P",
        [TwinSpaceAction.ViewMembers] = "TA T E O PA P",
        [TwinSpaceAction.EditTwinSpace] = "TA",
        [TwinSpaceAction.InviteMembers] = "TA",               // "invite members"; experts, observers, pupils may not invite
        [TwinSpaceAction.ChangeRoles] = "TA",                 // teachers "may not change roles"
        [TwinSpaceAction.RemoveMembers] = "TA",               // teachers "may not remove members"
        [TwinSpaceAction.CreatePupils] = "TA T",              // pupils are made by teachers; experts "may not invite pupils"
        [TwinSpaceAction.ManagePupils] = "TA T",              // teachers reset passwords and promote pupil administrators
        [TwinSpaceAction.ArchiveTwinSpace] = "TA",
        [TwinSpaceAction.CloseTwinSpace] = "TA",
        [TwinSpaceAction.ExportTwinSpace] = "TA",
        [TwinSpaceAction.ViewAuditLog] = "TA T",              // teacher oversight
        [TwinSpaceAction.ViewBulletin] = "TA T",              // experts, observers and pupils may not see the bulletin
        [TwinSpaceAction.PostBulletin] = "TA T",
        [TwinSpaceAction.ViewJournal] = "TA T E O PA P",      // the project journal: "public updates"
        [TwinSpaceAction.PostJournal] = "TA T PA",            // pupil administrators "post updates"
        [TwinSpaceAction.ManageUpdates] = "TA",               // "manage anyone's content"
        [TwinSpaceAction.ViewPages] = "TA T E O PA P",
        [TwinSpaceAction.CreatePages] = "TA T PA",            // pupil administrators add pages; pupils may not
        [TwinSpaceAction.EditPages] = "TA T PA P",            // write some page bodies (which: ResourceRule.EditPage)
        [TwinSpaceAction.ManagePages] = "TA T PA",            // manage some pages (which: ResourceRule.ManagePage)
        [TwinSpaceAction.EditAssignedPages] = "TA T PA P",    // pupils edit the pages assigned to them
        [TwinSpaceAction.EditOwnPages] = "TA T PA",
        [TwinSpaceAction.ManageAnyPage] = "TA",               // "manage anyone's content"
        [TwinSpaceAction.ReorderPages] = "TA",
        [TwinSpaceAction.ViewForums] = "TA T E O PA P",
        [TwinSpaceAction.CreateForumDiscussion] = "TA",
        [TwinSpaceAction.CreateForumThread] = "TA T E PA",    // experts manage forums; pupil administrators create threads
        [TwinSpaceAction.ReplyInForum] = "TA T E O PA P",
        [TwinSpaceAction.ModerateForums] = "TA T E",
        [TwinSpaceAction.ReadChat] = "TA T E O PA P",
        [TwinSpaceAction.WriteChat] = "TA T E PA P",          // observers read
        [TwinSpaceAction.CreateBreakoutChannel] = "TA T",
        [TwinSpaceAction.DirectMessageTeachers] = "TA T",     // pupils cannot open direct messages
        [TwinSpaceAction.ModerateChat] = "TA T",
        [TwinSpaceAction.ViewMaterials] = "TA T E O PA P",
        [TwinSpaceAction.UploadMaterials] = "TA T E O PA P",  // observers upload materials; pupils use them
        [TwinSpaceAction.ManageMaterials] = "TA E",           // experts manage materials
        [TwinSpaceAction.JoinRooms] = "TA T E O PA P",
        [TwinSpaceAction.ManageRooms] = "TA",
        [TwinSpaceAction.CreateRooms] = "TA T",               // "a teacher creates a Room" (issue 14); guests and pupils do not
        [TwinSpaceAction.HostRoomSessions] = "TA T",          // teachers start, end and moderate sessions; pupils never moderate
        [TwinSpaceAction.JoinLiveEvents] = "TA T E O PA P",
        [TwinSpaceAction.ManageLiveEvents] = "TA",            // "create meetings/events"
        [TwinSpaceAction.HostLiveEvents] = "TA T E",          // teachers and invited experts may be named hosts, never pupils or observers
        [TwinSpaceAction.SuperviseLiveEvents] = "TA T",       // "pupils only under teacher supervision"
        [TwinSpaceAction.AttendLiveEventsUnsupervised] = "TA T E O", // pupils wait in the lobby until a teacher is present
    };

    private static readonly Dictionary<string, TwinSpaceRole> Abbreviations = new()
    {
        ["TA"] = TwinSpaceRole.TeacherAdministrator, ["T"] = TwinSpaceRole.Teacher, ["E"] = TwinSpaceRole.Expert,
        ["O"] = TwinSpaceRole.Observer, ["PA"] = TwinSpaceRole.PupilAdministrator, ["P"] = TwinSpaceRole.Pupil,
    };

    public static TheoryData<TwinSpaceRole, TwinSpaceAction, bool> Cells()
    {
        var cells = new TheoryData<TwinSpaceRole, TwinSpaceAction, bool>();
        foreach (var action in Enum.GetValues<TwinSpaceAction>())
        {
            var allowed = Specification[action].Split(' ').Select(a => Abbreviations[a]).ToHashSet();
            foreach (var role in Enum.GetValues<TwinSpaceRole>()) cells.Add(role, action, allowed.Contains(role));
        }
        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Each_cell_matches_the_domain(TwinSpaceRole role, TwinSpaceAction action, bool expected) =>
        Assert.Equal(expected, PermissionMatrix.Allows(role, action));

    [Fact]
    public void Every_action_has_a_specification_row() =>
        Assert.Equal(Enum.GetValues<TwinSpaceAction>().Order(), Specification.Keys.Order());

    [Theory]
    [InlineData(TwinSpaceAction.ViewTwinSpace, false)]
    [InlineData(TwinSpaceAction.ExportTwinSpace, false)]
    [InlineData(TwinSpaceAction.CloseTwinSpace, false)]
    [InlineData(TwinSpaceAction.CreatePupils, true)]
    [InlineData(TwinSpaceAction.WriteChat, true)]
    [InlineData(TwinSpaceAction.UploadMaterials, true)]
    public void Archived_TwinSpaces_refuse_changes_but_not_reading_or_closing(TwinSpaceAction action, bool refused) =>
        Assert.Equal(refused, PermissionMatrix.IsRefusedWhenArchived(action));
}
