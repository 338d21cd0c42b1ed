using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

/// <summary>
/// The one place that turns (caller, TwinSpace, action) into yes or a refusal. Used by the hub filter and the
/// HTTP endpoint filter alike, so both transports enforce the same matrix.
/// </summary>
public sealed class PermissionGuard(ITwinSpaceStore store)
{
    public async ValueTask<MemberContext> DemandAsync(
        CallerIdentity caller, string? twinSpaceId, TwinSpaceAction action, CancellationToken cancellationToken = default)
    {
        var id = Require.Id(twinSpaceId, "twinSpaceId");
        // A pupil token is scoped to one TwinSpace: refuse before looking anything up, so it learns nothing.
        if (caller.IsPupil && caller.PupilTwinSpaceId != id)
            throw CollabException.Forbidden("This login is only valid in its own TwinSpace.").WithKey("Permission_OtherTwinSpace");
        var twinSpace = await store.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (twinSpace is null || twinSpace.State == TwinSpaceState.Closed)
            throw CollabException.NotFound("No such TwinSpace.").WithKey("Permission_NoTwinSpace");
        var membership = await store.FindMembershipAsync(id, caller.AccountId, cancellationToken).ConfigureAwait(false)
            ?? throw CollabException.Forbidden("You are not a member of this TwinSpace.").WithKey("Permission_NotMember");
        if (!PermissionMatrix.Allows(membership.Role, action))
            throw CollabException.Forbidden("Your role in this TwinSpace does not allow this.").WithKey("Permission_Role");
        if (PermissionMatrix.IsRefusedWhenArchived(action) && twinSpace.State == TwinSpaceState.Archived)
            throw CollabException.ReadOnly("This TwinSpace is archived: it can be read but not changed.").WithKey("Permission_Archived");
        return new MemberContext(caller, twinSpace, membership);
    }

    /// <summary>
    /// The per-resource side: true when the member, standing in <paramref name="relations"/> to one resource, may do
    /// <paramref name="rule"/> to it (<see cref="ResourceRules"/>). Features load the resource and work out the relation.
    /// </summary>
    public static bool Allows(MemberContext member, ResourceRule rule, ResourceRelation relations) =>
        Allows(member.Membership.Role, rule, relations);

    /// <summary>The same for any member's role (e.g. to work out who else may see a draft or read a channel).</summary>
    public static bool Allows(TwinSpaceRole role, ResourceRule rule, ResourceRelation relations) =>
        ResourceRules.Allows(role, rule, relations);
}
