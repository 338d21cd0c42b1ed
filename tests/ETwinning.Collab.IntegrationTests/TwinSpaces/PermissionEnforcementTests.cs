using System.Net;
using System.Net.Http.Headers;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

namespace ETwinning.Collab.IntegrationTests.TwinSpaces;

/// <summary>
/// The matrix is enforced for real, by the one guard, over the hub: each role tries each TwinSpace-management
/// method and is let through exactly when the matrix says so.
/// </summary>
public sealed class PermissionEnforcementTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CollabServer Server => fixture.Server;

    public static TheoryData<TwinSpaceRole> Roles() => new(Enum.GetValues<TwinSpaceRole>());

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_role_gets_exactly_what_the_matrix_allows(TwinSpaceRole role)
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var target = (await scenario.FounderHub.CreatePupilsAsync(scenario.Id, "Target")).Single();
        var (hub, accessToken) = await MemberWithRoleAsync(scenario, role);

        var probes = new (TwinSpaceAction Action, Func<Task> Call)[]
        {
            (TwinSpaceAction.ViewTwinSpace, () => hub.JoinTwinSpaceAsync(scenario.Id)),
            (TwinSpaceAction.ViewAuditLog, () => hub.GetAuditLogAsync(scenario.Id)),
            (TwinSpaceAction.CreatePupils, () => hub.CreatePupilsAsync(scenario.Id, "Probe")),
            (TwinSpaceAction.ManagePupils, () => hub.ResetPupilPasswordAsync(scenario.Id, target.AccountId)),
            (TwinSpaceAction.InviteMembers, () => hub.CreateInvitationAsync(scenario.Id, TwinSpaceRole.Observer)),
            (TwinSpaceAction.EditTwinSpace, () => hub.UpdateTwinSpaceAsync(scenario.Id, "Renamed", null)),
            (TwinSpaceAction.ChangeRoles, () => hub.ChangeRoleAsync(scenario.Id, target.AccountId, TwinSpaceRole.Pupil)),
        };
        foreach (var (action, call) in probes)
        {
            if (PermissionMatrix.Allows(role, action)) await call();
            else Assert.Equal("forbidden", (await Assert.ThrowsAsync<CollabHubException>(call)).Code);
        }
        // The HTTP side goes through the same guard.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/twinspaces/{scenario.Id}/members");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await Server.Http.SendAsync(request);
        Assert.Equal(PermissionMatrix.Allows(role, TwinSpaceAction.ViewMembers) ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
        // Last, because it ends the TwinSpace for everyone.
        if (PermissionMatrix.Allows(role, TwinSpaceAction.ArchiveTwinSpace)) await hub.ArchiveTwinSpaceAsync(scenario.Id);
        else Assert.Equal("forbidden", (await Assert.ThrowsAsync<CollabHubException>(() => hub.ArchiveTwinSpaceAsync(scenario.Id))).Code);
    }

    private static async Task<(TwinSpaceConnection Hub, string AccessToken)> MemberWithRoleAsync(TwinSpaceScenario scenario, TwinSpaceRole role)
    {
        switch (role)
        {
            case TwinSpaceRole.Pupil or TwinSpaceRole.PupilAdministrator:
                var pupil = await scenario.AddPupilAsync("Member", administrator: role == TwinSpaceRole.PupilAdministrator);
                return (pupil.Hub, pupil.Tokens.AccessToken);
            default:
                var (tokens, hub) = await scenario.AddTeacherAsync(role);
                return (hub, tokens.AccessToken);
        }
    }
}
