namespace ETwinning.Collab.Server.Features.TwinSpaces;

/// <summary>How TwinSpace records are named in a transfer between providers (<see cref="Infrastructure.Storage.IStoreTransfer"/>).</summary>
public static class TwinSpaceTransfer
{
    public const string Feature = "twinspaces";
    public const string TwinSpace = "twinspace";
    public const string Membership = "membership";
    public const string PupilTeam = "pupil_team";
    public const string Invitation = "invitation";
}
