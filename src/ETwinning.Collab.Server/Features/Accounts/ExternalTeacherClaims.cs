using System.Security.Claims;
using ETwinning.Collab.Server.Infrastructure;
using Microsoft.AspNetCore.Authentication;

namespace ETwinning.Collab.Server.Features.Accounts;

/// <summary>
/// A teacher signed in through the external OpenID Connect issuer carries that issuer's claims. This maps them
/// to a local teacher account (matched by e-mail, created validated on first use), so everything downstream sees
/// the same claims as for a local login.
/// </summary>
internal sealed class ExternalTeacherClaims(IAccountStore store, TimeProvider clock) : IClaimsTransformation
{
    public const string AuthenticationType = "external";
    private const string FallbackCountry = "EU";

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.AuthenticationType != AuthenticationType || principal.HasClaim(c => c.Type == CallerIdentity.KindClaim))
            return principal;
        var email = principal.FindFirst("email")?.Value?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(email)) return principal; // refused already when the token was validated

        var teacher = await store.FindTeacherByEmailAsync(email).ConfigureAwait(false);
        if (teacher is null)
        {
            var country = principal.FindFirst("country")?.Value?.Trim().ToUpperInvariant();
            await store.TryAddTeacherAsync(new TeacherAccount
            {
                Id = Ids.New(),
                Email = email,
                DisplayName = principal.FindFirst("name")?.Value?.Trim() is { Length: > 0 and <= 80 } name ? name : email.Split('@')[0],
                Country = country is { Length: 2 } && country.All(char.IsAsciiLetterUpper) ? country : FallbackCountry,
                IsValidated = true,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            }).ConfigureAwait(false);
            teacher = (await store.FindTeacherByEmailAsync(email).ConfigureAwait(false))!;
        }
        return new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(CallerIdentity.SubjectClaim, teacher.Id),
            new Claim(CallerIdentity.KindClaim, "teacher"),
            new Claim(CallerIdentity.NameClaim, teacher.DisplayName),
        ], AuthenticationType, CallerIdentity.NameClaim, ClaimTypes.Role));
    }
}
