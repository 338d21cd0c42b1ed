using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces.Teams;

namespace ETwinning.Collab.Server.Features.TwinSpaces;

/// <summary>
/// TwinSpaces, memberships, pupil teams and invitations: the catalog's TwinSpace half. Every write is atomic on its
/// own; reads see every write whose task has completed. <see cref="FindAsync"/> and <see cref="FindMembershipAsync"/>
/// run on every permission check, so a provider should answer them from memory while nothing changed.
/// </summary>
public interface ITwinSpaceStore
{
    ValueTask<TwinSpace?> FindAsync(string twinSpaceId, CancellationToken cancellationToken = default);
    ValueTask<TwinSpace?> FindByCodeAsync(string code, CancellationToken cancellationToken = default);
    /// <summary>Inserts the TwinSpace and its founder's membership together: both or neither are stored.</summary>
    Task AddAsync(TwinSpace twinSpace, Membership founder, CancellationToken cancellationToken = default);
    /// <summary>Replaces the whole record.</summary>
    Task UpdateAsync(TwinSpace twinSpace, CancellationToken cancellationToken = default);

    ValueTask<Membership?> FindMembershipAsync(string twinSpaceId, string accountId, CancellationToken cancellationToken = default);
    /// <summary>Every membership of this TwinSpace, in no particular order.</summary>
    ValueTask<IReadOnlyList<Membership>> MembersAsync(string twinSpaceId, CancellationToken cancellationToken = default);
    ValueTask<int> CountMembersAsync(string twinSpaceId, CancellationToken cancellationToken = default);
    /// <summary>TwinSpaces the account belongs to, with its role in each.</summary>
    ValueTask<IReadOnlyList<(TwinSpace TwinSpace, Membership Membership)>> TwinSpacesOfAsync(
        string accountId, CancellationToken cancellationToken = default);
    /// <summary>Inserts all or none; false when one of them is a member already (or listed twice).</summary>
    Task<bool> TryAddMembersAsync(IReadOnlyList<Membership> memberships, CancellationToken cancellationToken = default);
    /// <summary>
    /// Changes only the member's role (a named step, so a concurrent team change to the same membership is kept).
    /// Returns the membership as stored afterwards; null when there is no such member.
    /// </summary>
    Task<Membership?> SetRoleAsync(string twinSpaceId, string accountId, TwinSpaceRole role, CancellationToken cancellationToken = default);
    Task RemoveMembershipAsync(string twinSpaceId, string accountId, CancellationToken cancellationToken = default);
    Task RemoveMembershipsWhereAsync(string twinSpaceId, AccountKind kind, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<PupilTeam>> TeamsAsync(string twinSpaceId, CancellationToken cancellationToken = default);
    /// <summary>
    /// Inserts or replaces the team and, in the same atomic write, makes exactly its members' memberships carry its id
    /// in <see cref="Membership.TeamIds"/>.
    /// </summary>
    Task SaveTeamAsync(PupilTeam team, CancellationToken cancellationToken = default);
    /// <summary>Deletes the team and takes it out of its members' memberships; false when this TwinSpace has no such team.</summary>
    Task<bool> DeleteTeamAsync(string twinSpaceId, string teamId, CancellationToken cancellationToken = default);

    Task AddInvitationAsync(Invitation invitation, CancellationToken cancellationToken = default);
    /// <summary>By the hash of the invitation's token.</summary>
    ValueTask<Invitation?> FindInvitationAsync(string tokenHash, CancellationToken cancellationToken = default);
    /// <summary>
    /// Marks the invitation used and adds the member in one transaction; false if it was used already, is unknown or
    /// the account is a member already. Of concurrent acceptances exactly one succeeds.
    /// </summary>
    Task<bool> TryAcceptInvitationAsync(string tokenHash, Membership member, CancellationToken cancellationToken = default);
}
