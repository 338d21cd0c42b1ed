using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Features.TwinSpaces.Teams;
using LiteDB;

namespace ETwinning.Collab.Server.Features.TwinSpaces;

/// <summary>TwinSpaces, memberships, pupil teams and invitations in catalog.db.</summary>
public sealed partial class LiteDbTwinSpaceStore : ITwinSpaceStore
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

    public ValueTask<TwinSpace?> FindAsync(string twinSpaceId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(
            _twinSpaces.Get(twinSpaceId, () => _catalog.Read(db => db.GetCollection<TwinSpace>(TwinSpaces).FindById(twinSpaceId))));
    }

    public ValueTask<TwinSpace?> FindByCodeAsync(string code, CancellationToken cancellationToken = default) =>
        Read<TwinSpace?>(db => db.GetCollection<TwinSpace>(TwinSpaces).FindOne(t => t.Code == code), cancellationToken);

    public Task AddAsync(TwinSpace twinSpace, Membership founder, CancellationToken cancellationToken = default) => Write(db =>
    {
        db.GetCollection<TwinSpace>(TwinSpaces).Insert(twinSpace);
        db.GetCollection<Membership>(Memberships).Insert(founder);
        return true;
    }, cancellationToken);

    public Task UpdateAsync(TwinSpace twinSpace, CancellationToken cancellationToken = default) =>
        Write(db => db.GetCollection<TwinSpace>(TwinSpaces).Update(twinSpace), cancellationToken);

    public ValueTask<Membership?> FindMembershipAsync(string twinSpaceId, string accountId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = Membership.KeyOf(twinSpaceId, accountId);
        return ValueTask.FromResult(_memberships.Get(key, () => _catalog.Read(db => db.GetCollection<Membership>(Memberships).FindById(key))));
    }

    public ValueTask<IReadOnlyList<Membership>> MembersAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<Membership>>(db => db.GetCollection<Membership>(Memberships).Find(m => m.TwinSpaceId == twinSpaceId).ToList(), cancellationToken);

    public ValueTask<int> CountMembersAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        Read(db => db.GetCollection<Membership>(Memberships).Count(m => m.TwinSpaceId == twinSpaceId), cancellationToken);

    public ValueTask<IReadOnlyList<(TwinSpace TwinSpace, Membership Membership)>> TwinSpacesOfAsync(
        string accountId, CancellationToken cancellationToken = default) => Read<IReadOnlyList<(TwinSpace, Membership)>>(db =>
    {
        var twinSpaces = db.GetCollection<TwinSpace>(TwinSpaces);
        return db.GetCollection<Membership>(Memberships).Find(m => m.AccountId == accountId)
            .Select(m => (TwinSpace: twinSpaces.FindById(m.TwinSpaceId), Membership: m))
            .Where(pair => pair.TwinSpace is not null)
            .ToList();
    }, cancellationToken);

    public Task<bool> TryAddMembersAsync(IReadOnlyList<Membership> memberships, CancellationToken cancellationToken = default) => Write(db =>
    {
        var collection = db.GetCollection<Membership>(Memberships);
        if (memberships.Select(m => m.Id).Distinct(StringComparer.Ordinal).Count() != memberships.Count) return false;
        if (memberships.Any(m => collection.Exists(existing => existing.Id == m.Id))) return false;
        collection.InsertBulk(memberships);
        return true;
    }, cancellationToken);

    public Task<Membership?> SetRoleAsync(string twinSpaceId, string accountId, TwinSpaceRole role, CancellationToken cancellationToken = default) =>
        Write(db =>
        {
            var memberships = db.GetCollection<Membership>(Memberships);
            if (memberships.FindById(Membership.KeyOf(twinSpaceId, accountId)) is not { } membership) return null;
            var updated = membership with { Role = role };
            memberships.Update(updated);
            return updated;
        }, cancellationToken);

    public Task RemoveMembershipAsync(string twinSpaceId, string accountId, CancellationToken cancellationToken = default) =>
        Write(db => db.GetCollection<Membership>(Memberships).Delete(Membership.KeyOf(twinSpaceId, accountId)), cancellationToken);

    public Task RemoveMembershipsWhereAsync(string twinSpaceId, AccountKind kind, CancellationToken cancellationToken = default) =>
        Write(db => db.GetCollection<Membership>(Memberships).DeleteMany(m => m.TwinSpaceId == twinSpaceId && m.Kind == kind), cancellationToken);

    public ValueTask<IReadOnlyList<PupilTeam>> TeamsAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<PupilTeam>>(db => db.GetCollection<PupilTeam>(PupilTeams).Find(t => t.TwinSpaceId == twinSpaceId).ToList(), cancellationToken);

    public Task SaveTeamAsync(PupilTeam team, CancellationToken cancellationToken = default) => Write(db =>
    {
        db.GetCollection<PupilTeam>(PupilTeams).Upsert(team);
        SyncMemberships(db, team.TwinSpaceId, team.Id, team.MemberIds);
        return true;
    }, cancellationToken);

    public Task<bool> DeleteTeamAsync(string twinSpaceId, string teamId, CancellationToken cancellationToken = default) => Write(db =>
    {
        var teams = db.GetCollection<PupilTeam>(PupilTeams);
        if (teams.FindById(teamId) is not { } team || team.TwinSpaceId != twinSpaceId) return false;
        teams.Delete(teamId);
        SyncMemberships(db, twinSpaceId, teamId, []);
        return true;
    }, cancellationToken);

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

    public Task AddInvitationAsync(Invitation invitation, CancellationToken cancellationToken = default) =>
        Write(db => db.GetCollection<Invitation>(Invitations).Insert(invitation), cancellationToken);

    public ValueTask<Invitation?> FindInvitationAsync(string tokenHash, CancellationToken cancellationToken = default) =>
        Read<Invitation?>(db => db.GetCollection<Invitation>(Invitations).FindById(tokenHash), cancellationToken);

    public Task<bool> TryAcceptInvitationAsync(string tokenHash, Membership member, CancellationToken cancellationToken = default) => Write(db =>
    {
        var invitations = db.GetCollection<Invitation>(Invitations);
        var memberships = db.GetCollection<Membership>(Memberships);
        var invitation = invitations.FindById(tokenHash);
        if (invitation is null || invitation.AcceptedBy is not null || memberships.Exists(m => m.Id == member.Id)) return false;
        invitations.Update(invitation with { AcceptedBy = member.AccountId });
        memberships.Insert(member);
        return true;
    }, cancellationToken);

    private ValueTask<T> Read<T>(Func<LiteDatabase, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_catalog.Read(read));
    }

    private Task<T> Write<T>(Func<LiteDatabase, T> write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _catalog.WriteAsync(write);
    }
}
