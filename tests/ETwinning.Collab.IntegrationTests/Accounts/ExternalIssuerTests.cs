using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Accounts;

public sealed class ExternalIssuerTests
{
    private const string Audience = "etwinning-collab-api";

    [Fact]
    public async Task A_teacher_signed_in_at_the_platform_is_mapped_to_one_local_account_and_our_own_tokens_still_work()
    {
        await using var issuer = await TestOpenIdIssuer.StartAsync();
        await using var server = await CollabServer.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:External:Authority"] = issuer.Authority,
            ["Auth:External:Audience"] = Audience,
            ["Auth:External:RequireHttpsMetadata"] = "false",
        });
        var platformToken = issuer.IssueToken(Audience, new Dictionary<string, object>
        {
            ["sub"] = "platform-user-123", ["email"] = "Platform.Teacher@school.test", ["name"] = "Platform Teacher", ["country"] = "fi",
        });

        var (status, me) = await GetMeAsync(server, platformToken);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(AccountKind.Teacher, me!.Kind);
        Assert.Equal("Platform Teacher", me.DisplayName);
        Assert.Equal("FI", me.Country);
        Assert.Equal(me.Id, (await GetMeAsync(server, platformToken)).Me!.Id);

        await using var hub = await server.ConnectAsync(new TokenPair(platformToken, "", 600, me));
        var twinSpace = await hub.CreateTwinSpaceAsync("Created with a platform login");
        Assert.Equal(TwinSpaceRole.TeacherAdministrator, twinSpace.MyRole);

        var local = await server.NewTeacherAsync();
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(server, local.AccessToken)).Status);
    }

    [Fact]
    public async Task Platform_tokens_for_another_audience_without_e_mail_or_expired_are_refused()
    {
        await using var issuer = await TestOpenIdIssuer.StartAsync();
        await using var server = await CollabServer.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:External:Authority"] = issuer.Authority,
            ["Auth:External:Audience"] = Audience,
            ["Auth:External:RequireHttpsMetadata"] = "false",
        });
        var claims = new Dictionary<string, object> { ["sub"] = "u1", ["email"] = "t@school.test", ["name"] = "T" };
        string[] refused =
        [
            issuer.IssueToken("some-other-api", claims),
            issuer.IssueToken(Audience, new Dictionary<string, object> { ["sub"] = "u2", ["name"] = "No mail" }),
            issuer.IssueToken(Audience, claims, TimeSpan.FromMinutes(-10)),
        ];
        foreach (var token in refused) Assert.Equal(HttpStatusCode.Unauthorized, (await GetMeAsync(server, token)).Status);
    }

    private static async Task<(HttpStatusCode Status, AccountView? Me)> GetMeAsync(CollabServer server, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await server.Http.SendAsync(request);
        return (response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<AccountView>(CollabApiClient.Json) : null);
    }
}
