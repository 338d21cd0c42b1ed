using ETwinning.Collab.Client.Protocol;
using Microsoft.AspNetCore.SignalR.Client;

namespace ETwinning.Collab.Client;

public sealed partial class TwinSpaceConnection
{
    /// <summary>A pupil team was created, changed or deleted.</summary>
    public event Action<PupilTeamChangedEvent>? PupilTeamChanged;

    /// <summary>The TwinSpace's pupil teams.</summary>
    public Task<IReadOnlyList<PupilTeamView>> ListPupilTeamsAsync(string twinSpaceId) =>
        InvokeAsync<IReadOnlyList<PupilTeamView>>("ListPupilTeams", twinSpaceId);

    /// <summary>Creates a team (no <paramref name="teamId"/>) or replaces its name and pupils.</summary>
    public Task<PupilTeamView> SavePupilTeamAsync(string twinSpaceId, string? teamId, string name, params string[] memberIds) =>
        InvokeAsync<PupilTeamView>("SavePupilTeam", twinSpaceId, new SavePupilTeamRequest(teamId, name, memberIds));

    /// <summary>Deletes a team; pages assigned to it lose those editors.</summary>
    public Task DeletePupilTeamAsync(string twinSpaceId, string teamId) => InvokeAsync("DeletePupilTeam", twinSpaceId, teamId);

    private void RegisterTeamEvents() => Hub.On<PupilTeamChangedEvent>(HubNames.PupilTeamChanged, e => PupilTeamChanged?.Invoke(e));
}
