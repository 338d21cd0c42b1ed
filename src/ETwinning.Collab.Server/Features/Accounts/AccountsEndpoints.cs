using System.Security.Claims;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Http;

namespace ETwinning.Collab.Server.Features.Accounts;

public static class AccountsEndpoints
{
    public static WebApplication MapAccountsApi(this WebApplication app)
    {
        var auth = app.MapGroup("/api/auth").RequireLoginLimits();
        auth.MapPost("/teachers", async (RegisterTeacherRequest request, AccountService accounts) =>
            Results.Created("/api/me", await accounts.RegisterTeacherAsync(request)));
        auth.MapPost("/login", (LoginRequest request, AccountService accounts) => accounts.LoginTeacherAsync(request));
        auth.MapPost("/refresh", (RefreshRequest request, AccountService accounts) => accounts.RefreshAsync(request));
        auth.MapPost("/logout", async (RefreshRequest request, AccountService accounts) =>
        {
            await accounts.LogoutAsync(request);
            return Results.NoContent();
        });

        app.MapGet("/api/me", (ClaimsPrincipal user, AccountService accounts) =>
            accounts.FindAccount(CallerIdentity.From(user).AccountId) ?? throw CollabException.Unauthorized("Sign in again."))
            .RequireAuthorization();

        app.MapPost("/api/admin/teachers/{accountId}/validate", async (string accountId, ClaimsPrincipal user, AccountService accounts) =>
        {
            if (!accounts.IsPlatformAdmin(CallerIdentity.From(user))) throw CollabException.Forbidden("Only platform administrators validate teachers.");
            await accounts.ValidateTeacherAsync(accountId);
            return Results.NoContent();
        }).RequireAuthorization();
        return app;
    }
}
