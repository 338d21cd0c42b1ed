using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Features.TwinSpaces;

public sealed class TwinSpaceOptions
{
    public const string Section = "TwinSpaces";

    [Range(1, 500)] public int MaxTitleLength { get; set; } = 120;

    [Range(0, 20_000)] public int MaxDescriptionLength { get; set; } = 2_000;

    [Range(1, 365)] public int InvitationDays { get; set; } = 14;

    /// <summary>Nicknames per CreatePupils call (a class at a time).</summary>
    [Range(1, 500)] public int MaxPupilsPerRequest { get; set; } = 50;

    [Range(1, 64)] public int MaxNicknameLength { get; set; } = 32;

    [Range(2, 100_000)] public int MaxMembers { get; set; } = 1_000;

    [Range(1, 200)] public int MaxTeamNameLength { get; set; } = 60;

    /// <summary>Pupils in one team (a class or a mixed-country group writing a page together).</summary>
    [Range(1, 1_000)] public int MaxTeamMembers { get; set; } = 40;
}
