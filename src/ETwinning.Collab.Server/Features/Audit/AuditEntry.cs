namespace ETwinning.Collab.Server.Features.Audit;

/// <summary>
/// One line of a TwinSpace's audit log: role changes, password resets, lifecycle and moderation actions.
/// Kept in the TwinSpace's own file, so it is exported and deleted with the project.
/// </summary>
public sealed record AuditEntry
{
    /// <summary>The TwinSpace's audit sequence, assigned by the store on append (see <see cref="IAuditLog.AppendAsync"/>).</summary>
    public long Id { get; init; }
    public required DateTime At { get; init; }
    public required string ActorId { get; init; }
    public required string ActorName { get; init; }
    /// <summary>A stable verb such as <c>role.changed</c> or <c>pupil.password_reset</c>.</summary>
    public required string Action { get; init; }
    public string? TargetId { get; init; }
    public string Detail { get; init; } = "";

    /// <summary>An entry for an action taken now by a named actor; every feature records its actions through this.</summary>
    public static AuditEntry Of(DateTime at, string actorId, string actorName, string action, string? targetId, string detail) => new()
    {
        At = at, ActorId = actorId, ActorName = actorName, Action = action, TargetId = targetId, Detail = detail,
    };
}
