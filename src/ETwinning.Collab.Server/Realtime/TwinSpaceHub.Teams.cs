using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Features.TwinSpaces.Teams;
using Microsoft.AspNetCore.Mvc;

namespace ETwinning.Collab.Server.Realtime;

public sealed partial class TwinSpaceHub
{
    [RequiresPermission(TwinSpaceAction.ViewMembers)]
    public Task<IReadOnlyList<PupilTeamView>> ListPupilTeams(string twinSpaceId, [FromServices] PupilTeamService teams) =>
        teams.ListAsync(Member);

    [RequiresPermission(TwinSpaceAction.ManagePupils)]
    public Task<PupilTeamView> SavePupilTeam(string twinSpaceId, SavePupilTeamRequest request, [FromServices] PupilTeamService teams) =>
        teams.SaveAsync(Member, request);

    [RequiresPermission(TwinSpaceAction.ManagePupils)]
    public Task DeletePupilTeam(string twinSpaceId, string teamId, [FromServices] PupilTeamService teams) =>
        teams.DeleteAsync(Member, teamId);
}
