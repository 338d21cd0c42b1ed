namespace ETwinning.Collab.Client.Protocol;

/// <summary>What kind of account a token belongs to.</summary>
public enum AccountKind
{
    /// <summary>A validated platform teacher (may be member of many TwinSpaces).</summary>
    Teacher,
    /// <summary>A pupil account made by a teacher for exactly one TwinSpace.</summary>
    Pupil,
}

/// <summary>A member's role in one TwinSpace (see DOMAIN.md and the permission matrix).</summary>
public enum TwinSpaceRole
{
    /// <summary>Founders, co-founders and promoted teachers: may do everything.</summary>
    TeacherAdministrator,
    /// <summary>A partner teacher.</summary>
    Teacher,
    /// <summary>An invited guest who manages materials and forums.</summary>
    Expert,
    /// <summary>An invited guest who reads, uploads materials and replies in forums.</summary>
    Observer,
    /// <summary>A pupil promoted by a teacher.</summary>
    PupilAdministrator,
    /// <summary>A pupil account made by a teacher.</summary>
    Pupil,
}

/// <summary>The lifecycle of a TwinSpace: Open, then Archived (read-only), then Closed (gone for members).</summary>
public enum TwinSpaceState
{
    /// <summary>Normal work.</summary>
    Open,
    /// <summary>Read-only everywhere.</summary>
    Archived,
    /// <summary>Gone for members; pupils can no longer log in.</summary>
    Closed,
}

/// <summary>What happened to a member in a <see cref="MemberChangedEvent"/>.</summary>
public enum MemberChange
{
    /// <summary>A new member (invitation accepted or pupil created).</summary>
    Joined,
    /// <summary>Role or details changed.</summary>
    Updated,
    /// <summary>No longer a member.</summary>
    Removed,
}
