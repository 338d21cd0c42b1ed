namespace ETwinning.Collab.Server.Features.Audit;

/// <summary>The verbs of the audit log. Stable: teachers' tools and exports read them.</summary>
public static class AuditActions
{
    public const string TwinSpaceCreated = "twinspace.created";
    public const string TwinSpaceUpdated = "twinspace.updated";
    public const string TwinSpaceArchived = "twinspace.archived";
    public const string TwinSpaceClosed = "twinspace.closed";
    public const string InvitationCreated = "invitation.created";
    public const string MemberJoined = "member.joined";
    public const string MemberRemoved = "member.removed";
    public const string RoleChanged = "role.changed";
    public const string PupilsCreated = "pupils.created";
    public const string PupilPasswordReset = "pupil.password_reset";
}
