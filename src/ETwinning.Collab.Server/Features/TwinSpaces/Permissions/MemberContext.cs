using ETwinning.Collab.Server.Features.Accounts;

namespace ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

/// <summary>A caller who passed the guard for one TwinSpace: who they are, where, and in which role.</summary>
public sealed record MemberContext(CallerIdentity Caller, TwinSpace TwinSpace, Membership Membership)
{
    public string TwinSpaceId => TwinSpace.Id;
    public string AccountId => Caller.AccountId;

    /// <summary>
    /// Not a member: a validated teacher let into one public live event only, with an observer's rights there
    /// (<c>PublicLiveEventGate</c>). Features that show people to this caller name pupils anonymously.
    /// </summary>
    public bool IsPublicAttendee { get; init; }
}
