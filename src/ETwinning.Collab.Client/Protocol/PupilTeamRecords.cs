namespace ETwinning.Collab.Client.Protocol;

/// <summary>A named group of pupils in one TwinSpace (often mixed-country), e.g. to write a page together.</summary>
public sealed record PupilTeamView(string Id, string TwinSpaceId, string Name, IReadOnlyList<string> MemberIds);

/// <summary>Creates a team (no id) or replaces a team's name and members.</summary>
public sealed record SavePupilTeamRequest(string? TeamId, string Name, IReadOnlyList<string> MemberIds);

/// <summary>What happened to a team in a <see cref="PupilTeamChangedEvent"/>.</summary>
public enum TeamChange
{
    /// <summary>New team.</summary>
    Created,
    /// <summary>Name or members changed.</summary>
    Updated,
    /// <summary>The team is gone.</summary>
    Deleted,
}

/// <summary>A pupil team was created, changed or deleted.</summary>
public sealed record PupilTeamChangedEvent(string TwinSpaceId, TeamChange Change, PupilTeamView Team);
