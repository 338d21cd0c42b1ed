using System.Security.Claims;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Features.Accounts;

/// <summary>Who is calling, read from a validated access token.</summary>
public sealed record CallerIdentity(string AccountId, AccountKind Kind, string DisplayName, string? PupilTwinSpaceId)
{
    public const string KindClaim = "kind";
    public const string TwinSpaceClaim = "tws";
    public const string NameClaim = "name";
    public const string SubjectClaim = "sub";

    public bool IsPupil => Kind == AccountKind.Pupil;

    public static CallerIdentity From(ClaimsPrincipal? user)
    {
        var accountId = user?.FindFirst(SubjectClaim)?.Value ?? user?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var kind = user?.FindFirst(KindClaim)?.Value;
        if (user?.Identity?.IsAuthenticated != true || accountId is null || kind is null)
            throw CollabException.Unauthorized("Sign in first.").WithKey("Login_First");
        return new CallerIdentity(
            accountId,
            kind == "pupil" ? AccountKind.Pupil : AccountKind.Teacher,
            user.FindFirst(NameClaim)?.Value ?? "",
            user.FindFirst(TwinSpaceClaim)?.Value);
    }
}
