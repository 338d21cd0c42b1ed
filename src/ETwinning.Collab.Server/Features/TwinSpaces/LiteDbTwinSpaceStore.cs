using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Features.TwinSpaces.Teams;
using LiteDB;

namespace ETwinning.Collab.Server.Features.TwinSpaces;

/// <summary>TwinSpaces, memberships and invitations in catalog.db.</summary>
public sealed class LiteDbTwinSpaceStore : ITwinSpaceStore
{
    private const string TwinSpaces = "twinspaces";
    private const string Memberships = "memberships";
    private const string Invitations = "invitations";
    private const string PupilTeams = "pupil_teams";
    private const int CachedEntries = 100_000;
    private readonly DocumentDatabase _catalog;
    // Every hub call and permission check reads these two; they change rarely.
    private readonly ReadThroughCache<string, TwinSpace> _twinSpaces;
    private readonly ReadThroughCache<string, Membership> _memberships;

    public LiteDbTwinSpaceStore(DatabaseFiles files)
    {
        _catalog = files.Catalog;
        _twinSpaces = new(_catalog, CachedEntries);
        _memberships = new(_catalog, CachedEntries);
        _catalog.WriteAsync(db =>
        {
            db.GetCollection<TwinSpace>(TwinSpaces).EnsureIndex(t => t.Code, unique: true);
            db.GetCollection<Membership>(Memberships).EnsureIndex(m => m.TwinSpaceId);
            db.GetCollection<Membership>(Memberships).EnsureIndex(m => m.AccountId);
            db.GetCollection<PupilTeam>(PupilTeams).EnsureIndex(t => t.TwinSpaceId);
        }).GetAwaiter().GetResult();
    }

    public TwinSpace? Find(string twinSpaceId) =>
        _twinSpaces.Get(twinSpaceId, () => _catalog.Read(db => db.GetCollection<TwinSpace>(TwinSpaces).FindById(twinSpaceId)));

    public TwinSpace? FindByCode(string code) => _catalog.Read(db => db.GetCollection<TwinSpace>(TwinSpaces).FindOne(t => t.Code == code));

    public Task AddAsync(TwinSpace twinSpace, Membership founder) => _catalog.WriteAsync(db =>
    {
        db.GetCollection<TwinSpace>(TwinSpaces).Insert(twinSpace);
        db.GetCollection<Membership>(Memberships).Insert(founder);
    });

    public Task UpdateAsync(TwinSpace twinSpace) => _catalog.WriteAsync(db => db.GetCollection<TwinSpace>(TwinSpaces).Update(twinSpace));

    public Membership? FindMembership(string twinSpaceId, string accountId)
    {
        var key = Membership.KeyOf(twinSpaceId, accountId);
        return _memberships.Get(key, () => _catalog.Read(db => db.GetCollection<Membership>(Memberships).FindById(key)));
    }

    public IReadOnlyList<Membership> Members(string twinSpaceId) =>
        _catalog.Read(db => db.GetCollection<Membership>(Memberships).Find(m => m.TwinSpaceId == twinSpaceId).ToList());

    public int CountMembers(string twinSpaceId) =>
        _catalog.Read(db => db.GetCollection<Membership>(Memberships).Count(m => m.TwinSpaceId == twinSpaceId));

    public IReadOnlyList<(TwinSpace TwinSpace, Membership Membership)> TwinSpacesOf(string accountId) => _catalog.Read(db =>
    {
        var twinSpaces = db.GetCollection<TwinSpace>(TwinSpaces);
        return db.GetCollection<Membership>(Memberships).Find(m => m.AccountId == accountId)
            .Select(m => (TwinSpace: twinSpaces.FindById(m.TwinSpaceId), Membership: m))
            .Where(pair => pair.TwinSpace is not null)
            .ToList();
    });

    public Task<bool> TryAddMembersAsync(IReadOnlyList<Membership> memberships) => _catalog.WriteAsync(db =>
    {
        var collection = db.GetCollection<Membership>(Memberships);
        if (memberships.Any(m => collection.Exists(existing => existing.Id == m.Id))) return false;
        collection.InsertBulk(memberships);
        return true;
    });

    public Task UpdateMembershipAsync(Membership membership) =>
        _catalog.WriteAsync(db => db.GetCollection<Membership>(Memberships).Update(membership));

    public Task RemoveMembershipAsync(string twinSpaceId, string accountId) =>
        _catalog.WriteAsync(db => db.GetCollection<Membership>(Memberships).Delete(Membership.KeyOf(twinSpaceId, accountId)));

    public Task RemoveMembershipsWhereAsync(string twinSpaceId, AccountKind kind) =>
        _catalog.WriteAsync(db => db.GetCollection<Membership>(Memberships).DeleteMany(m => m.TwinSpaceId == twinSpaceId && m.Kind == kind));

    public IReadOnlyList<PupilTeam> Teams(string twinSpaceId) =>
        _catalog.Read(db => db.GetCollection<PupilTeam>(PupilTeams).Find(t => t.TwinSpaceId == twinSpaceId).ToList());

    public Task SaveTeamAsync(PupilTeam team) => _catalog.WriteAsync(db =>
    {
        db.GetCollection<PupilTeam>(PupilTeams).Upsert(team);
        SyncMemberships(db, team.TwinSpaceId, team.Id, team.MemberIds);
    });

    public Task<bool> DeleteTeamAsync(string twinSpaceId, string teamId) => _catalog.WriteAsync(db =>
    {
        var teams = db.GetCollection<PupilTeam>(PupilTeams);
        if (teams.FindById(teamId) is not { } team || team.TwinSpaceId != twinSpaceId) return false;
        teams.Delete(teamId);
        SyncMemberships(db, twinSpaceId, teamId, []);
        return true;
    });

    /// <summary>Exactly <paramref name="memberIds"/> carry <paramref name="teamId"/> afterwards.</summary>
    private static void SyncMemberships(LiteDatabase db, string twinSpaceId, string teamId, IReadOnlyCollection<string> memberIds)
    {
        var memberships = db.GetCollection<Membership>(Memberships);
        foreach (var membership in memberships.Find(m => m.TwinSpaceId == twinSpaceId).ToList())
        {
            var shouldHave = memberIds.Contains(membership.AccountId);
            if (shouldHave == membership.TeamIds.Contains(teamId)) continue;
            var teamIds = shouldHave ? [.. membership.TeamIds, teamId] : membership.TeamIds.Where(id => id != teamId).ToList();
            memberships.Update(membership with { TeamIds = teamIds });
        }
    }

    public Task AddInvitationAsync(Invitation invitation) =>
        _catalog.WriteAsync(db => db.GetCollection<Invitation>(Invitations).Insert(invitation));

    public Invitation? FindInvitation(string tokenHash) =>
        _catalog.Read(db => db.GetCollection<Invitation>(Invitations).FindById(tokenHash));

    public Task<bool> TryAcceptInvitationAsync(string tokenHash, Membership member) => _catalog.WriteAsync(db =>
    {
        var invitations = db.GetCollection<Invitation>(Invitations);
        var memberships = db.GetCollection<Membership>(Memberships);
        var invitation = invitations.FindById(tokenHash);
        if (invitation is null || invitation.AcceptedBy is not null || memberships.Exists(m => m.Id == member.Id)) return false;
        invitations.Update(invitation with { AcceptedBy = member.AccountId });
        memberships.Insert(member);
        return true;
    });
}
