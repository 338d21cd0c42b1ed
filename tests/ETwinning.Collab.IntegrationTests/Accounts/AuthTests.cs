using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.IntegrationTests.TwinSpaces;
using ETwinning.Collab.Server.Features.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ETwinning.Collab.IntegrationTests.Accounts;

public sealed class AuthTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CollabServer Server => fixture.Server;

    [Fact]
    public async Task A_refresh_token_works_once_and_replaying_it_revokes_the_whole_chain()
    {
        var tokens = await Server.NewTeacherAsync();
        var second = await Server.Api.RefreshAsync(tokens.RefreshToken);
        Assert.Equal(tokens.Account.Id, second.Account.Id);

        var replay = await Assert.ThrowsAsync<CollabHubException>(() => Server.Api.RefreshAsync(tokens.RefreshToken));
        Assert.Equal("unauthorized", replay.Code);
        // The replay revoked the chain: the legitimate newer token is dead too (a thief gets one refresh at most).
        var chain = await Assert.ThrowsAsync<CollabHubException>(() => Server.Api.RefreshAsync(second.RefreshToken));
        Assert.Equal("unauthorized", chain.Code);
    }

    [Fact]
    public async Task Logout_spends_the_refresh_token()
    {
        var tokens = await Server.NewTeacherAsync();
        using var response = await Server.Http.PostAsJsonAsync("/api/auth/logout", new RefreshRequest(tokens.RefreshToken), CollabApiClient.Json);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await Assert.ThrowsAsync<CollabHubException>(() => Server.Api.RefreshAsync(tokens.RefreshToken));
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_account_and_unknown_accounts_look_the_same()
    {
        const string Email = "lockout@school.test";
        await Server.Api.RegisterTeacherAsync(new RegisterTeacherRequest(Email, "right-password-1", "Lockout Teacher", "SE"));
        var unknown = await Assert.ThrowsAsync<CollabHubException>(() => Server.Api.LoginAsync(new LoginRequest("nobody@school.test", "whatever-pass")));
        var wrong = await Assert.ThrowsAsync<CollabHubException>(() => Server.Api.LoginAsync(new LoginRequest(Email, "wrong-password")));
        Assert.Equal((unknown.Code, unknown.Message), (wrong.Code, wrong.Message));

        for (var i = 1; i < 5; i++) await Assert.ThrowsAsync<CollabHubException>(() => Server.Api.LoginAsync(new LoginRequest(Email, "wrong-password")));
        var locked = await Assert.ThrowsAsync<CollabHubException>(() => Server.Api.LoginAsync(new LoginRequest(Email, "right-password-1")));
        Assert.Equal("rate_limited", locked.Code);
    }

    [Theory]
    [InlineData("not-an-email", "long-enough-pw", "Name", "AT")]
    [InlineData("a@school.test", "short", "Name", "AT")]
    [InlineData("b@school.test", "long-enough-pw", "", "AT")]
    [InlineData("c@school.test", "long-enough-pw", "Name", "Austria")]
    public async Task Registration_refuses_bad_fields_with_invalid(string email, string password, string name, string country)
    {
        var error = await Assert.ThrowsAsync<CollabHubException>(() => Server.Api.RegisterTeacherAsync(new(email, password, name, country)));
        Assert.Equal("invalid", error.Code);
    }

    [Fact]
    public async Task Registering_an_e_mail_twice_is_a_conflict()
    {
        await Server.Api.RegisterTeacherAsync(new("twice@school.test", "long-enough-pw", "Twice", "FR"));
        var error = await Assert.ThrowsAsync<CollabHubException>(() => Server.Api.RegisterTeacherAsync(new("TWICE@school.test", "long-enough-pw", "Twice", "FR")));
        Assert.Equal("conflict", error.Code);
    }

    [Fact]
    public async Task Overlong_names_are_invalid_and_change_nothing()
    {
        var name = new string('n', 81);
        var error = await Assert.ThrowsAsync<CollabHubException>(() => Server.Api.RegisterTeacherAsync(new("long@school.test", "long-enough-pw", name, "FR")));
        Assert.Equal("invalid", error.Code);
        await Server.Api.RegisterTeacherAsync(new("long@school.test", "long-enough-pw", "Short name", "FR"));
    }

    [Fact]
    public async Task Malformed_json_is_invalid_and_an_oversized_body_is_too_large()
    {
        using var malformed = await Server.Http.PostAsync("/api/auth/login", new StringContent("{\"email\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("invalid", (await malformed.Content.ReadFromJsonAsync<ErrorBody>(CollabApiClient.Json))!.Code);

        var huge = "{\"email\":\"" + new string('a', 2 * 1024 * 1024) + "\",\"password\":\"x\"}";
        // The server answers 413 from the declared length and closes; a client still writing the 2 MB body may hit
        // the closed socket before it reads that answer. Asking to continue first makes it wait for the verdict.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        using var oversized = await Server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        Assert.Equal("too_large", (await oversized.Content.ReadFromJsonAsync<ErrorBody>(CollabApiClient.Json))!.Code);
    }

    [Fact]
    public async Task Forged_and_expired_tokens_are_refused_by_http_and_the_hub()
    {
        var tokens = await Server.NewTeacherAsync();
        var handler = new JsonWebTokenHandler();
        var options = Server.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var claims = new Dictionary<string, object> { ["sub"] = tokens.Account.Id, ["kind"] = "teacher", ["name"] = "x" };
        var forged = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer, Audience = options.Audience, Claims = claims, Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[32]), SecurityAlgorithms.HmacSha256),
        });
        var expired = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer, Audience = options.Audience, Claims = claims,
            NotBefore = DateTime.UtcNow.AddHours(-2), IssuedAt = DateTime.UtcNow.AddHours(-2), Expires = DateTime.UtcNow.AddHours(-1),
            SigningCredentials = Server.Services.GetRequiredService<SigningKey>().Credentials,
        });

        foreach (var token in new[] { forged, expired, "garbage", tokens.AccessToken + "x" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await Server.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("unauthorized", (await response.Content.ReadFromJsonAsync<ErrorBody>(CollabApiClient.Json))!.Code);
            await using var hub = new TwinSpaceConnection(Server.BaseUrl, () => Task.FromResult<string?>(token));
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync().WithTimeout());
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        using var valid = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        valid.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await Server.Http.SendAsync(valid)).StatusCode);
    }
}
