using System.Net;
using System.Net.Http.Headers;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.TwinSpaces;

/// <summary>A pupil of TwinSpace A can never read or change anything of TwinSpace B, by any route.</summary>
public sealed class IsolationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CollabServer Server => fixture.Server;

    [Fact]
    public async Task A_pupil_of_one_TwinSpace_reaches_nothing_of_another_over_the_hub()
    {
        await using var a = await TwinSpaceScenario.CreateAsync(Server, "Project A");
        await using var b = await TwinSpaceScenario.CreateAsync(Server, "Project B");
        var pupilOfB = (await b.FounderHub.CreatePupilsAsync(b.Id, "Target")).Single();
        var pupil = await a.AddPupilAsync("Curious");
        var bEvents = new EventRecorder<MemberChangedEvent>();
        pupil.Hub.MemberChanged += bEvents.Record;

        var attempts = new Func<Task>[]
        {
            () => pupil.Hub.JoinTwinSpaceAsync(b.Id),
            () => pupil.Hub.GetAuditLogAsync(b.Id),
            () => pupil.Hub.CreatePupilsAsync(b.Id, "Intruder"),
            () => pupil.Hub.ResetPupilPasswordAsync(b.Id, pupilOfB.AccountId),
            () => pupil.Hub.RemoveMemberAsync(b.Id, pupilOfB.AccountId),
            () => pupil.Hub.UpdateTwinSpaceAsync(b.Id, "Hijacked", null),
            () => pupil.Hub.ArchiveTwinSpaceAsync(b.Id),
            () => pupil.Hub.CreateInvitationAsync(b.Id, TwinSpaceRole.TeacherAdministrator),
            () => pupil.Hub.CreateTwinSpaceAsync("A pupil's own project"),
        };
        foreach (var attempt in attempts)
            Assert.Equal("forbidden", (await Assert.ThrowsAsync<CollabHubException>(attempt)).Code);

        // Even a teacher action aimed at their own TwinSpace cannot touch a member of another.
        var crossReset = await Assert.ThrowsAsync<CollabHubException>(() => a.FounderHub.ResetPupilPasswordAsync(a.Id, pupilOfB.AccountId));
        Assert.Equal("not_found", crossReset.Code);
        var crossRole = await Assert.ThrowsAsync<CollabHubException>(() => a.FounderHub.SetPupilAdministratorAsync(a.Id, pupilOfB.AccountId, true));
        Assert.Equal("not_found", crossRole.Code);

        await b.FounderHub.CreatePupilsAsync(b.Id, "Another");
        var b2 = Assert.Single(await b.FounderHub.ListMyTwinSpacesAsync());
        Assert.Equal("Project B", b2.Title);
        Assert.Empty(bEvents.Seen);
        Assert.Equal(b.Id, (await Server.PupilLoginAsync(b.TwinSpace, pupilOfB)).Account.TwinSpaceId);
    }

    [Fact]
    public async Task A_pupil_token_is_refused_on_another_TwinSpace_over_http_and_pupil_credentials_do_not_cross()
    {
        await using var a = await TwinSpaceScenario.CreateAsync(Server, "Project A");
        await using var b = await TwinSpaceScenario.CreateAsync(Server, "Project B");
        var pupil = await a.AddPupilAsync("Curious");

        Assert.Equal(HttpStatusCode.OK, await GetAsync($"/api/twinspaces/{a.Id}/members", pupil.Tokens.AccessToken));
        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync($"/api/twinspaces/{b.Id}", pupil.Tokens.AccessToken));
        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync($"/api/twinspaces/{b.Id}/members", pupil.Tokens.AccessToken));
        Assert.Equal(HttpStatusCode.BadRequest, await GetAsync("/api/twinspaces/..%2Fcatalog/members", pupil.Tokens.AccessToken));

        // The same username and password with the other TwinSpace's code does not log in.
        var wrongCode = await Assert.ThrowsAsync<CollabHubException>(() => Server.PupilLoginAsync(b.TwinSpace, pupil.Credentials));
        Assert.Equal("unauthorized", wrongCode.Code);
    }

    private async Task<HttpStatusCode> GetAsync(string path, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await Server.Http.SendAsync(request);
        return response.StatusCode;
    }
}
