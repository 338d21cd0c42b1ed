using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

/// <summary>
/// THE per-resource rules, next to <see cref="PermissionMatrix"/>: each rule is a list of clauses "a role the matrix
/// allows <c>action</c>, standing in <c>relation</c> to the resource"; a member may when any clause holds. The features
/// only work out the relation (<see cref="ResourceRelation"/>); <see cref="PermissionGuard"/> evaluates the rule, and
/// hub methods name it next to the action the matrix checks before the method runs (the role gate).
/// </summary>
public static class ResourceRules
{
    private static readonly Dictionary<ResourceRule, Clause[]> Rules = new()
    {
        //                                 role may (matrix row)                          on a resource they stand in relation to
        [ResourceRule.ManagePage] =      [new(TwinSpaceAction.ManageAnyPage,     ResourceRelation.None),
                                          new(TwinSpaceAction.EditOwnPages,      ResourceRelation.Author)],
        [ResourceRule.EditPage] =        [new(TwinSpaceAction.ManageAnyPage,     ResourceRelation.None),
                                          new(TwinSpaceAction.EditOwnPages,      ResourceRelation.Author),
                                          new(TwinSpaceAction.EditAssignedPages, ResourceRelation.AssignedEditor)],
        // Supervision: teachers read (and may step into) every channel but other teachers' direct messages.
        [ResourceRule.ReadChannel] =     [new(TwinSpaceAction.ReadChat,          ResourceRelation.ChannelMember),
                                          new(TwinSpaceAction.ModerateChat,      ResourceRelation.SupervisedChannel)],
        // The same channels as reading; whether the role may write at all is the WriteChat gate on the hub method.
        [ResourceRule.WriteInChannel] =  [new(TwinSpaceAction.ReadChat,          ResourceRelation.ChannelMember),
                                          new(TwinSpaceAction.ModerateChat,      ResourceRelation.SupervisedChannel)],
        [ResourceRule.EditForumPost] =   [new(TwinSpaceAction.ReplyInForum,      ResourceRelation.Author)],
        [ResourceRule.DeleteForumPost] = [new(TwinSpaceAction.ModerateForums,    ResourceRelation.None),
                                          new(TwinSpaceAction.ReplyInForum,      ResourceRelation.Author)],
        [ResourceRule.ChangeMaterial] =  [new(TwinSpaceAction.ManageMaterials,   ResourceRelation.None),
                                          new(TwinSpaceAction.UploadMaterials,   ResourceRelation.Author)],
        [ResourceRule.ManageRoom] =      [new(TwinSpaceAction.ManageRooms,       ResourceRelation.None),
                                          new(TwinSpaceAction.CreateRooms,       ResourceRelation.Author)],
        // Supervision: teachers may enter every room pupils meet in; everyone else only the rooms they are members of.
        [ResourceRule.JoinRoom] =        [new(TwinSpaceAction.JoinRooms,         ResourceRelation.RoomMember),
                                          new(TwinSpaceAction.HostRoomSessions,  ResourceRelation.None)],
        // Teacher administrators run every event of their TwinSpace; named hosts run theirs.
        [ResourceRule.HostLiveEvent] =   [new(TwinSpaceAction.ManageLiveEvents,  ResourceRelation.None),
                                          new(TwinSpaceAction.HostLiveEvents,    ResourceRelation.LiveEventHost)],
        // A seat lets anyone in; hosts need none (they enter early, before anyone registered).
        [ResourceRule.AttendLiveEvent] = [new(TwinSpaceAction.ManageLiveEvents,  ResourceRelation.None),
                                          new(TwinSpaceAction.HostLiveEvents,    ResourceRelation.LiveEventHost),
                                          new(TwinSpaceAction.JoinLiveEvents,    ResourceRelation.LiveEventSeat)],
    };

    /// <summary>True when <paramref name="role"/>, standing in <paramref name="relations"/> to a resource, may do <paramref name="rule"/> to it.</summary>
    public static bool Allows(TwinSpaceRole role, ResourceRule rule, ResourceRelation relations) =>
        ClausesOf(rule).Any(clause => PermissionMatrix.Allows(role, clause.Action) && relations.HasFlag(clause.Relation));

    /// <summary>The matrix rows a rule builds on: a role none of them allows can never pass the rule.</summary>
    public static IReadOnlyList<TwinSpaceAction> ActionsOf(ResourceRule rule) => ClausesOf(rule).Select(clause => clause.Action).Distinct().ToList();

    private static Clause[] ClausesOf(ResourceRule rule) =>
        Rules.TryGetValue(rule, out var clauses) ? clauses : throw new InvalidOperationException($"{rule} has no clauses in the resource rules.");

    /// <summary>A role allowed <see cref="Action"/> and standing in <see cref="Relation"/> (None: any resource) passes.</summary>
    private sealed record Clause(TwinSpaceAction Action, ResourceRelation Relation);
}
