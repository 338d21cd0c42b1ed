using System.Net;
using System.Net.Http.Headers;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Accounts;

public sealed class UnvalidatedTeacherTests
{
    [Fact]
    public async Task A_new_teacher_waits_for_a_platform_admin_and_can_log_in_after_validation()
    {
        await using var server = await CollabServer.StartAsync(new Dictionary<string, string?>
        {
            ["Accounts:AutoValidateTeachers"] = "false",
            ["Accounts:PlatformAdminEmails:0"] = "admin@platform.test",
        });
        var admin = await server.Api.RegisterTeacherAsync(new("admin@platform.test", "admin-password", "Platform Admin", "BE"));
        var newcomer = await server.Api.RegisterTeacherAsync(new("new@school.test", "newcomer-password", "New Teacher", "IT"));

        var waiting = await Assert.ThrowsAsync<CollabHubException>(() => server.Api.LoginAsync(new("new@school.test", "newcomer-password")));
        Assert.Equal("forbidden", waiting.Code);

        // The admin account itself needs validation once; in a deployment the first admin is validated at setup.
        await ValidateDirectlyAsync(server, admin.Id);
        var adminTokens = await server.Api.LoginAsync(new("admin@platform.test", "admin-password"));
        var otherTeacher = await server.Api.RegisterTeacherAsync(new("other@school.test", "other-password", "Other", "IT"));
        await ValidateDirectlyAsync(server, otherTeacher.Id);
        var otherTokens = await server.Api.LoginAsync(new("other@school.test", "other-password"));

        Assert.Equal(HttpStatusCode.Forbidden, await ValidateAsync(server, otherTokens.AccessToken, newcomer.Id));
        Assert.Equal(HttpStatusCode.NoContent, await ValidateAsync(server, adminTokens.AccessToken, newcomer.Id));
        Assert.Equal(newcomer.Id, (await server.Api.LoginAsync(new("new@school.test", "newcomer-password"))).Account.Id);
    }

    private static async Task<HttpStatusCode> ValidateAsync(CollabServer server, string accessToken, string accountId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/teachers/{accountId}/validate");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await server.Http.SendAsync(request);
        return response.StatusCode;
    }

    private static Task ValidateDirectlyAsync(CollabServer server, string accountId) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<ETwinning.Collab.Server.Features.Accounts.AccountService>(server.Services).ValidateTeacherAsync(accountId);
}
