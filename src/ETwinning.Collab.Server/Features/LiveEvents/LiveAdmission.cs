namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>Whether a participant takes part now, or waits in the lobby and why (<c>waiting_for_host</c>, <c>waiting_for_teacher</c>).</summary>
public sealed record LiveAdmission(bool Admitted, string? LobbyReason)
{
    public const string WaitingForHost = "waiting_for_host";
    public const string WaitingForTeacher = "waiting_for_teacher";

    public static readonly LiveAdmission In = new(true, null);
}
