using System.Security.Claims;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ETwinning.Collab.Server.Features.Accounts;

/// <summary>Issues short-lived access tokens and rotating, single-use refresh tokens.</summary>
public sealed class TokenIssuer(SigningKey key, IAccountStore store, IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly AuthOptions _options = options.Value;

    public async Task<TokenPair> IssueAsync(AccountView account, string? refreshFamily = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [CallerIdentity.SubjectClaim] = account.Id,
            [CallerIdentity.KindClaim] = account.Kind == AccountKind.Pupil ? "pupil" : "teacher",
            [CallerIdentity.NameClaim] = account.DisplayName,
        };
        if (account.TwinSpaceId is not null) claims[CallerIdentity.TwinSpaceClaim] = account.TwinSpaceId;
        var accessToken = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(_options.AccessTokenMinutes),
            SigningCredentials = key.Credentials,
        });

        var refreshToken = Ids.Secret();
        await store.AddRefreshTokenAsync(new RefreshTokenRecord
        {
            Id = Ids.Hash(refreshToken),
            AccountId = account.Id,
            Family = refreshFamily ?? Ids.New(),
            ExpiresAt = now.AddDays(_options.RefreshTokenDays),
        }, cancellationToken).ConfigureAwait(false);
        return new TokenPair(accessToken, refreshToken, _options.AccessTokenMinutes * 60, account);
    }

    /// <summary>The parameters both the JwtBearer handler and tests validate our own tokens with.</summary>
    public static TokenValidationParameters ValidationParameters(AuthOptions options, SigningKey key) => new()
    {
        ValidIssuer = options.Issuer,
        ValidAudience = options.Audience,
        IssuerSigningKey = key.SecurityKey,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = CallerIdentity.NameClaim,
        RoleClaimType = ClaimTypes.Role,
    };
}
