using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Teams;
using ETwinning.Collab.Server.Infrastructure;

namespace ETwinning.Collab.Server.Tests.Storage.Contracts;

/// <summary>
/// What every <see cref="ITwinSpaceStore"/> must do: all-or-none member batches, teams mirrored on memberships,
/// invitations accepted once, reads that follow every write at once (the permission check reads memberships on every
/// call), and nothing of one TwinSpace showing in another.
/// </summary>
public abstract class TwinSpaceStoreContractTests : StoreContract<ITwinSpaceStore>
{
    private const int Concurrent = 50;

    [Fact]
    public async Task A_TwinSpace_is_found_by_id_and_code_with_its_founder()
    {
        var (twinSpace, founder) = await AddTwinSpaceAsync();

        Assert.Equal(twinSpace, await Store.FindAsync(twinSpace.Id));
        Assert.Equal(twinSpace, await Store.FindByCodeAsync(twinSpace.Code));
        Assert.True((await Store.FindMembershipAsync(twinSpace.Id, founder))!.IsFounder);
        Assert.Null(await Store.FindAsync(NewTwinSpaceId()));
        Assert.Null(await Store.FindByCodeAsync("NOSUCHCD"));

        var archived = twinSpace with { State = TwinSpaceState.Archived, Title = "Renamed" };
        await Store.UpdateAsync(archived);
        Assert.Equal(archived, await Store.FindAsync(twinSpace.Id));
    }

    [Fact]
    public async Task A_member_batch_is_stored_all_or_none()
    {
        var (twinSpace, founder) = await AddTwinSpaceAsync();
        var fox = Member(twinSpace.Id, Ids.New(), TwinSpaceRole.Pupil, AccountKind.Pupil);
        var owl = Member(twinSpace.Id, Ids.New(), TwinSpaceRole.Pupil, AccountKind.Pupil);

        Assert.False(await Store.TryAddMembersAsync([fox, Member(twinSpace.Id, founder, TwinSpaceRole.Teacher, AccountKind.Teacher)]));
        Assert.Null(await Store.FindMembershipAsync(twinSpace.Id, fox.AccountId));
        Assert.False(await Store.TryAddMembersAsync([owl, owl]));
        Assert.Null(await Store.FindMembershipAsync(twinSpace.Id, owl.AccountId));

        Assert.True(await Store.TryAddMembersAsync([fox, owl]));
        Assert.Equal(3, await Store.CountMembersAsync(twinSpace.Id));
    }

    [Fact]
    public async Task Of_batches_racing_for_one_member_exactly_one_is_stored()
    {
        var (twinSpace, _) = await AddTwinSpaceAsync();
        var contested = Ids.New();
        var batches = Enumerable.Range(0, Concurrent).Select(_ => new[]
        {
            Member(twinSpace.Id, Ids.New(), TwinSpaceRole.Pupil, AccountKind.Pupil),
            Member(twinSpace.Id, contested, TwinSpaceRole.Pupil, AccountKind.Pupil),
        }).ToList();
        var results = await Task.WhenAll(batches.Select(batch => Task.Run(() => Store.TryAddMembersAsync(batch))));

        Assert.Single(results, added => added);
        Assert.Equal(3, await Store.CountMembersAsync(twinSpace.Id));
    }

    [Fact]
    public async Task Reads_follow_every_write_at_once()
    {
        var (twinSpace, _) = await AddTwinSpaceAsync();
        var pupil = Member(twinSpace.Id, Ids.New(), TwinSpaceRole.Pupil, AccountKind.Pupil);
        Assert.Null(await Store.FindMembershipAsync(twinSpace.Id, pupil.AccountId));

        await Store.TryAddMembersAsync([pupil]);
        Assert.Equal(TwinSpaceRole.Pupil, (await Store.FindMembershipAsync(twinSpace.Id, pupil.AccountId))!.Role);
        await Store.SetRoleAsync(twinSpace.Id, pupil.AccountId, TwinSpaceRole.PupilAdministrator);
        Assert.Equal(TwinSpaceRole.PupilAdministrator, (await Store.FindMembershipAsync(twinSpace.Id, pupil.AccountId))!.Role);
        await Store.RemoveMembershipAsync(twinSpace.Id, pupil.AccountId);
        Assert.Null(await Store.FindMembershipAsync(twinSpace.Id, pupil.AccountId));

        await Store.UpdateAsync(twinSpace with { State = TwinSpaceState.Closed });
        Assert.Equal(TwinSpaceState.Closed, (await Store.FindAsync(twinSpace.Id))!.State);
    }

    [Fact]
    public async Task Setting_a_role_changes_only_the_role()
    {
        var (twinSpace, _) = await AddTwinSpaceAsync();
        var pupil = Member(twinSpace.Id, Ids.New(), TwinSpaceRole.Pupil, AccountKind.Pupil);
        await Store.TryAddMembersAsync([pupil]);
        var team = Team(twinSpace.Id, pupil.AccountId);
        await Store.SaveTeamAsync(team);

        var updated = await Store.SetRoleAsync(twinSpace.Id, pupil.AccountId, TwinSpaceRole.PupilAdministrator);
        Assert.Equal(TwinSpaceRole.PupilAdministrator, updated!.Role);
        var stored = (await Store.FindMembershipAsync(twinSpace.Id, pupil.AccountId))!;
        Assert.Equal([team.Id], stored.TeamIds);
        Assert.Equal(pupil.DisplayName, stored.DisplayName);
        Assert.Null(await Store.SetRoleAsync(twinSpace.Id, Ids.New(), TwinSpaceRole.Teacher));
    }

    [Fact]
    public async Task A_saved_team_is_mirrored_on_exactly_its_members()
    {
        var (twinSpace, _) = await AddTwinSpaceAsync();
        var pupils = Enumerable.Range(0, 3).Select(_ => Member(twinSpace.Id, Ids.New(), TwinSpaceRole.Pupil, AccountKind.Pupil)).ToList();
        await Store.TryAddMembersAsync(pupils);
        var team = Team(twinSpace.Id, pupils[0].AccountId, pupils[1].AccountId);
        var other = Team(twinSpace.Id, pupils[1].AccountId);

        await Store.SaveTeamAsync(team);
        await Store.SaveTeamAsync(other);
        Assert.Equal([[team.Id], Sorted(team.Id, other.Id), []], await TeamIdsAsync(pupils));

        await Store.SaveTeamAsync(team with { Name = "Renamed", MemberIds = [pupils[1].AccountId, pupils[2].AccountId] });
        Assert.Equal([[], Sorted(team.Id, other.Id), [team.Id]], await TeamIdsAsync(pupils));
        Assert.Equal("Renamed", (await Store.TeamsAsync(twinSpace.Id)).Single(t => t.Id == team.Id).Name);

        Assert.True(await Store.DeleteTeamAsync(twinSpace.Id, team.Id));
        Assert.Equal([[], [other.Id], []], await TeamIdsAsync(pupils));
        Assert.Equal([other.Id], (await Store.TeamsAsync(twinSpace.Id)).Select(t => t.Id));
        Assert.False(await Store.DeleteTeamAsync(twinSpace.Id, team.Id));
    }

    [Fact]
    public async Task An_invitation_is_accepted_once_even_when_accepted_at_once()
    {
        var (twinSpace, founder) = await AddTwinSpaceAsync();
        var invitation = new Invitation
        {
            Id = Ids.Hash(Ids.Secret()), TwinSpaceId = twinSpace.Id, Role = TwinSpaceRole.Teacher, CreatedBy = founder,
            ExpiresAt = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        await Store.AddInvitationAsync(invitation);
        Assert.Equal(invitation, await Store.FindInvitationAsync(invitation.Id));

        var teachers = Enumerable.Range(0, Concurrent).Select(_ => Member(twinSpace.Id, Ids.New(), TwinSpaceRole.Teacher, AccountKind.Teacher)).ToList();
        var results = await Task.WhenAll(teachers.Select(teacher => Task.Run(() => Store.TryAcceptInvitationAsync(invitation.Id, teacher))));

        Assert.Single(results, accepted => accepted);
        var winner = teachers[Array.IndexOf(results, true)];
        Assert.Equal(winner.AccountId, (await Store.FindInvitationAsync(invitation.Id))!.AcceptedBy);
        Assert.Equal(2, await Store.CountMembersAsync(twinSpace.Id));
        Assert.False(await Store.TryAcceptInvitationAsync(Ids.Hash("never issued"), teachers[0]));
    }

    [Fact]
    public async Task An_invitation_does_not_make_a_member_twice()
    {
        var (twinSpace, founder) = await AddTwinSpaceAsync();
        var invitation = new Invitation
        {
            Id = Ids.Hash(Ids.Secret()), TwinSpaceId = twinSpace.Id, Role = TwinSpaceRole.Teacher, CreatedBy = founder,
            ExpiresAt = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        await Store.AddInvitationAsync(invitation);

        Assert.False(await Store.TryAcceptInvitationAsync(invitation.Id, Member(twinSpace.Id, founder, TwinSpaceRole.Teacher, AccountKind.Teacher)));
        Assert.Null((await Store.FindInvitationAsync(invitation.Id))!.AcceptedBy);
        Assert.Equal(TwinSpaceRole.TeacherAdministrator, (await Store.FindMembershipAsync(twinSpace.Id, founder))!.Role);
    }

    [Fact]
    public async Task Nothing_of_one_TwinSpace_shows_in_another()
    {
        var (spaceA, founderA) = await AddTwinSpaceAsync();
        var (spaceB, founderB) = await AddTwinSpaceAsync();
        var pupilA = Member(spaceA.Id, Ids.New(), TwinSpaceRole.Pupil, AccountKind.Pupil);
        var pupilB = Member(spaceB.Id, Ids.New(), TwinSpaceRole.Pupil, AccountKind.Pupil);
        await Store.TryAddMembersAsync([pupilA]);
        await Store.TryAddMembersAsync([pupilB]);
        var teamB = Team(spaceB.Id, pupilB.AccountId);
        await Store.SaveTeamAsync(teamB);

        Assert.Equal(Sorted(founderA, pupilA.AccountId), (await Store.MembersAsync(spaceA.Id)).Select(m => m.AccountId).Order(StringComparer.Ordinal));
        Assert.Null(await Store.FindMembershipAsync(spaceA.Id, pupilB.AccountId));
        Assert.Empty(await Store.TeamsAsync(spaceA.Id));
        Assert.False(await Store.DeleteTeamAsync(spaceA.Id, teamB.Id));
        Assert.Single(await Store.TeamsAsync(spaceB.Id));

        await Store.RemoveMembershipsWhereAsync(spaceA.Id, AccountKind.Pupil);
        Assert.Equal([founderA], (await Store.MembersAsync(spaceA.Id)).Select(m => m.AccountId));
        Assert.Equal(Sorted(founderB, pupilB.AccountId), (await Store.MembersAsync(spaceB.Id)).Select(m => m.AccountId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_account_lists_the_TwinSpaces_it_belongs_to_with_its_role_in_each()
    {
        var (spaceA, founder) = await AddTwinSpaceAsync();
        var (spaceB, _) = await AddTwinSpaceAsync();
        await AddTwinSpaceAsync();
        await Store.TryAddMembersAsync([Member(spaceB.Id, founder, TwinSpaceRole.Observer, AccountKind.Teacher)]);

        var mine = await Store.TwinSpacesOfAsync(founder);
        Assert.Equal(
            new[] { (spaceA.Id, TwinSpaceRole.TeacherAdministrator), (spaceB.Id, TwinSpaceRole.Observer) }.Order(),
            mine.Select(pair => (pair.TwinSpace.Id, pair.Membership.Role)).Order());
        Assert.Empty(await Store.TwinSpacesOfAsync(Ids.New()));
    }

    [Fact]
    public async Task Everything_written_survives_a_restart()
    {
        var (twinSpace, founder) = await AddTwinSpaceAsync();
        var pupil = Member(twinSpace.Id, Ids.New(), TwinSpaceRole.Pupil, AccountKind.Pupil);
        await Store.TryAddMembersAsync([pupil]);
        var team = Team(twinSpace.Id, pupil.AccountId);
        await Store.SaveTeamAsync(team);
        var invitation = new Invitation
        {
            Id = Ids.Hash(Ids.Secret()), TwinSpaceId = twinSpace.Id, Role = TwinSpaceRole.Expert, CreatedBy = founder,
            ExpiresAt = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        await Store.AddInvitationAsync(invitation);

        await RestartAsync();

        Assert.Equal(twinSpace, await Store.FindAsync(twinSpace.Id));
        Assert.Equal([team.Id], (await Store.FindMembershipAsync(twinSpace.Id, pupil.AccountId))!.TeamIds);
        Assert.Equal([pupil.AccountId], (await Store.TeamsAsync(twinSpace.Id)).Single().MemberIds);
        Assert.Equal(invitation, await Store.FindInvitationAsync(invitation.Id));
        Assert.Equal(2, await Store.CountMembersAsync(twinSpace.Id));
    }

    private async Task<(TwinSpace TwinSpace, string Founder)> AddTwinSpaceAsync()
    {
        var id = NewTwinSpaceId();
        var founder = Ids.New();
        var twinSpace = new TwinSpace
        {
            Id = id, Code = Ids.New()[..8].ToUpperInvariant(), Title = "Water in our towns", CreatedBy = founder,
            CreatedAt = new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc),
        };
        await Store.AddAsync(twinSpace, Member(id, founder, TwinSpaceRole.TeacherAdministrator, AccountKind.Teacher) with { IsFounder = true });
        return (twinSpace, founder);
    }

    private async Task<List<List<string>>> TeamIdsAsync(IEnumerable<Membership> members)
    {
        var teamIds = new List<List<string>>();
        foreach (var member in members)
            teamIds.Add([.. (await Store.FindMembershipAsync(member.TwinSpaceId, member.AccountId))!.TeamIds.Order(StringComparer.Ordinal)]);
        return teamIds;
    }

    private static List<string> Sorted(params string[] ids) => [.. ids.Order(StringComparer.Ordinal)];

    private static PupilTeam Team(string twinSpaceId, params string[] memberIds) => new()
    {
        Id = Ids.New(), TwinSpaceId = twinSpaceId, Name = "Team", MemberIds = [.. memberIds], CreatedBy = "teacher",
    };

    private static Membership Member(string twinSpaceId, string accountId, TwinSpaceRole role, AccountKind kind) => new()
    {
        Id = Membership.KeyOf(twinSpaceId, accountId), TwinSpaceId = twinSpaceId, AccountId = accountId, Role = role, Kind = kind,
        DisplayName = accountId, JoinedAt = new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc),
    };
}
