using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using static ETwinning.Collab.Server.Features.TwinSpaces.Permissions.ResourceRelation;

namespace ETwinning.Collab.Server.Tests.Permissions;

/// <summary>
/// Every cell of the per-resource rules: rule x relation x role, written out again here as the specification, the
/// way <see cref="PermissionMatrixTests"/> does for the matrix. A change to a rule that the domain does not call for
/// fails one of these cases.
/// </summary>
public sealed class ResourceRulesTests
{
    private const string Everyone = "TA T E O PA P";

    // Who may, per relation (TA = teacher administrator, T = teacher, E = expert, O = observer, PA = pupil administrator, P = pupil).
    private static readonly Dictionary<ResourceRule, Dictionary<ResourceRelation, string>> Specification = new()
    {
        [ResourceRule.ManagePage] = new()
        {
            [None] = "TA",                               // "manage anyone's content"
            [Author] = "TA T PA",                        // their own pages; pupils create none
            [AssignedEditor] = "TA",                     // being assigned lets one write, not rename or delete
        },
        [ResourceRule.EditPage] = new()
        {
            [None] = "TA",
            [Author] = "TA T PA",
            [AssignedEditor] = "TA T PA P",              // pupils edit the pages assigned to them (by name or team)
        },
        [ResourceRule.ReadChannel] = new()
        {
            [None] = "",                                 // another pair's direct messages: nobody
            [ChannelMember] = Everyone,                  // direct channels of two teachers are read by those two
            [SupervisedChannel] = "TA T",                // teachers read every channel pupils write in
            [ChannelMember | SupervisedChannel] = Everyone,
        },
        [ResourceRule.WriteInChannel] = new()
        {
            [None] = "",
            [ChannelMember] = Everyone,                  // observers are stopped by the WriteChat gate, not here
            [SupervisedChannel] = "TA T",                // teachers may step into any channel they supervise
            [ChannelMember | SupervisedChannel] = Everyone,
        },
        [ResourceRule.EditForumPost] = new()
        {
            [None] = "",                                 // nobody edits someone else's post, not even moderators
            [Author] = Everyone,
        },
        [ResourceRule.DeleteForumPost] = new()
        {
            [None] = "TA T E",                           // forum moderators
            [Author] = Everyone,
        },
        [ResourceRule.ChangeMaterial] = new()
        {
            [None] = "TA E",                             // materials managers; experts manage materials
            [Author] = Everyone,                         // the uploader (observers upload materials too)
        },
        [ResourceRule.ManageRoom] = new()
        {
            [None] = "TA",                               // teacher administrators manage every room
            [Author] = "TA T",                           // teachers manage the rooms they created
            [RoomMember] = "TA",                         // being a member does not make one a manager
        },
        [ResourceRule.JoinRoom] = new()
        {
            [None] = "TA T",                             // teachers supervise every room pupils meet in
            [RoomMember] = Everyone,
        },
        [ResourceRule.HostLiveEvent] = new()
        {
            [None] = "TA",                               // teacher administrators run every event of the TwinSpace
            [LiveEventHost] = "TA T E",                  // named hosts and co-hosts run theirs
            [LiveEventSeat] = "TA",                      // a seat makes nobody a host
        },
        [ResourceRule.AttendLiveEvent] = new()
        {
            [None] = "TA",                               // without a seat only those who run every event get in
            [LiveEventHost] = "TA T E",                  // hosts enter without registering
            [LiveEventSeat] = Everyone,                  // a seat lets any member in (the lobby decides when)
        },
    };

    private static readonly Dictionary<string, TwinSpaceRole> Abbreviations = new()
    {
        ["TA"] = TwinSpaceRole.TeacherAdministrator, ["T"] = TwinSpaceRole.Teacher, ["E"] = TwinSpaceRole.Expert,
        ["O"] = TwinSpaceRole.Observer, ["PA"] = TwinSpaceRole.PupilAdministrator, ["P"] = TwinSpaceRole.Pupil,
    };

    public static TheoryData<ResourceRule, ResourceRelation, TwinSpaceRole, bool> Cells()
    {
        var cells = new TheoryData<ResourceRule, ResourceRelation, TwinSpaceRole, bool>();
        foreach (var (rule, rows) in Specification)
            foreach (var (relation, who) in rows)
            {
                var allowed = who.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(a => Abbreviations[a]).ToHashSet();
                foreach (var role in Enum.GetValues<TwinSpaceRole>()) cells.Add(rule, relation, role, allowed.Contains(role));
            }
        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Each_cell_matches_the_domain(ResourceRule rule, ResourceRelation relation, TwinSpaceRole role, bool expected) =>
        Assert.Equal(expected, ResourceRules.Allows(role, rule, relation));

    [Fact]
    public void Every_rule_has_a_specification() =>
        Assert.Equal(Enum.GetValues<ResourceRule>().Order(), Specification.Keys.Order());

    [Theory]
    [MemberData(nameof(Cells))]
    public void A_relation_never_takes_a_right_away(ResourceRule rule, ResourceRelation relation, TwinSpaceRole role, bool expected)
    {
        // Standing in more relations to a resource (author and assigned, member of a supervised channel) never refuses more.
        var every = Enum.GetValues<ResourceRelation>().Aggregate(None, (all, one) => all | one);
        if (expected) Assert.True(ResourceRules.Allows(role, rule, every), $"{role} loses {rule} by standing in more relations than {relation}");
    }

    [Theory]
    [InlineData(TwinSpaceAction.EditPages, ResourceRule.EditPage)]
    [InlineData(TwinSpaceAction.ManagePages, ResourceRule.ManagePage)]
    public void The_page_gates_of_the_matrix_are_exactly_the_roles_the_page_rules_can_allow(TwinSpaceAction gate, ResourceRule rule)
    {
        // The hub checks the gate before the page is loaded: a role the rule could allow must pass it, and a role no
        // page could ever allow must not, so the matrix row tells the truth about who may write.
        foreach (var role in Enum.GetValues<TwinSpaceRole>())
            Assert.Equal(ResourceRules.ActionsOf(rule).Any(action => PermissionMatrix.Allows(role, action)), PermissionMatrix.Allows(role, gate));
    }
}
