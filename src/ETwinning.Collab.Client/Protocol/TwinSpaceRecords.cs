namespace ETwinning.Collab.Client.Protocol;

/// <summary>A TwinSpace as one member sees it.</summary>
public sealed record TwinSpaceView(
    string Id, string Code, string Title, string Description, TwinSpaceState State, TwinSpaceRole? MyRole, DateTime CreatedAt);

/// <summary>One member of a TwinSpace. Pupils appear with their nickname only.</summary>
public sealed record MemberView(
    string AccountId, string DisplayName, string? Country, TwinSpaceRole Role, bool IsFounder, AccountKind Kind, bool Online);

/// <summary>What <c>JoinTwinSpace</c> returns: the TwinSpace and its members with their presence.</summary>
public sealed record TwinSpaceSnapshot(TwinSpaceView TwinSpace, IReadOnlyList<MemberView> Members);

/// <summary>Creates a TwinSpace; the caller becomes its founder.</summary>
public sealed record CreateTwinSpaceRequest(string Title, string? Description);

/// <summary>Renames a TwinSpace or changes its description.</summary>
public sealed record UpdateTwinSpaceRequest(string Title, string? Description);

/// <summary>Creates a one-time invitation for a teacher or guest role.</summary>
public sealed record CreateInvitationRequest(TwinSpaceRole Role);

/// <summary>A one-time invitation; the link is <c>/?invite=&lt;Token&gt;</c>.</summary>
public sealed record InvitationView(string Token, string TwinSpaceId, TwinSpaceRole Role, DateTime ExpiresAt);

/// <summary>Creates pupil accounts, one per nickname.</summary>
public sealed record CreatePupilsRequest(IReadOnlyList<string> Nicknames);

/// <summary>A pupil's login, shown once to the teacher. The password is never stored in clear.</summary>
public sealed record PupilCredentials(string AccountId, string Nickname, string Username, string Password);

/// <summary>Pages back through the audit log (newest first).</summary>
public sealed record AuditQuery(long? BeforeSequence, int? Limit);

/// <summary>One entry of a TwinSpace's audit log: who did what to whom.</summary>
public sealed record AuditEntryView(long Sequence, DateTime At, string ActorId, string ActorName, string Action, string? TargetId, string Detail);
