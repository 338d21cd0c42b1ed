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
        auth.MapPost("/teachers", async (RegisterTeacherRequest request, AccountService accounts, CancellationToken cancellationToken) =>
            Results.Created("/api/me", await accounts.RegisterTeacherAsync(request, cancellationToken: cancellationToken)));
        auth.MapPost("/login", (LoginRequest request, AccountService accounts, CancellationToken cancellationToken) =>
            accounts.LoginTeacherAsync(request, cancellationToken));
        auth.MapPost("/refresh", (RefreshRequest request, AccountService accounts, CancellationToken cancellationToken) =>
            accounts.RefreshAsync(request, cancellationToken));
        auth.MapPost("/logout", async (RefreshRequest request, AccountService accounts, CancellationToken cancellationToken) =>
        {
            await accounts.LogoutAsync(request, cancellationToken);
            return Results.NoContent();
        });

        app.MapGet("/api/me", async (ClaimsPrincipal user, AccountService accounts, CancellationToken cancellationToken) =>
            await accounts.FindAccountAsync(CallerIdentity.From(user).AccountId, cancellationToken) ?? throw CollabException.Unauthorized("Sign in again.").WithKey("Login_Again"))
            .RequireAuthorization();

        app.MapPost("/api/admin/teachers/{accountId}/validate", async (string accountId, ClaimsPrincipal user, AccountService accounts, CancellationToken cancellationToken) =>
        {
            if (!await accounts.IsPlatformAdminAsync(CallerIdentity.From(user), cancellationToken))
                throw CollabException.Forbidden("Only platform administrators validate teachers.").WithKey("Account_OnlyPlatformAdmins");
            await accounts.ValidateTeacherAsync(accountId, cancellationToken);
            return Results.NoContent();
        }).RequireAuthorization();
        return app;
    }
}
