using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.TwinSpaces;

public interface ITwinSpaceStore
{
    TwinSpace? Find(string twinSpaceId);
    TwinSpace? FindByCode(string code);
    Task AddAsync(TwinSpace twinSpace, Membership founder);
    Task UpdateAsync(TwinSpace twinSpace);

    Membership? FindMembership(string twinSpaceId, string accountId);
    IReadOnlyList<Membership> Members(string twinSpaceId);
    int CountMembers(string twinSpaceId);
    /// <summary>TwinSpaces the account belongs to, with its role in each.</summary>
    IReadOnlyList<(TwinSpace TwinSpace, Membership Membership)> TwinSpacesOf(string accountId);
    /// <summary>Inserts all or none; false when one of them is a member already.</summary>
    Task<bool> TryAddMembersAsync(IReadOnlyList<Membership> memberships);
    Task UpdateMembershipAsync(Membership membership);
    Task RemoveMembershipAsync(string twinSpaceId, string accountId);
    Task RemoveMembershipsWhereAsync(string twinSpaceId, AccountKind kind);

    IReadOnlyList<Teams.PupilTeam> Teams(string twinSpaceId);
    /// <summary>Inserts or replaces the team and updates its members' <see cref="Membership.TeamIds"/> in one write.</summary>
    Task SaveTeamAsync(Teams.PupilTeam team);
    /// <summary>Deletes the team and takes it out of its members' memberships; false when there was no such team.</summary>
    Task<bool> DeleteTeamAsync(string twinSpaceId, string teamId);

    Task AddInvitationAsync(Invitation invitation);
    Invitation? FindInvitation(string tokenHash);
    /// <summary>Marks the invitation used and adds the member in one transaction; false if it was used already.</summary>
    Task<bool> TryAcceptInvitationAsync(string tokenHash, Membership member);
}
