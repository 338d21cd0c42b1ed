using ETwinning.Collab.Client;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.TwinSpaces;

public sealed class TwinSpaceLifecycleTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CollabServer Server => fixture.Server;

    [Fact]
    public async Task Founder_invites_a_partner_who_joins_and_everyone_sees_the_member_list_change()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var changes = new EventRecorder<MemberChangedEvent>();
        scenario.FounderHub.MemberChanged += changes.Record;
        await scenario.FounderHub.JoinTwinSpaceAsync(scenario.Id);

        var (partner, partnerHub) = await scenario.AddTeacherAsync(TwinSpaceRole.Teacher, "PT");

        var joined = await changes.WaitForAsync(c => c.Change == MemberChange.Joined && c.Member.AccountId == partner.Account.Id);
        Assert.Equal(TwinSpaceRole.Teacher, joined.Member.Role);
        Assert.Equal("PT", joined.Member.Country);
        var partnerSpaces = await partnerHub.ListMyTwinSpacesAsync();
        Assert.Equal(TwinSpaceRole.Teacher, Assert.Single(partnerSpaces).MyRole);
        var snapshot = await partnerHub.JoinTwinSpaceAsync(scenario.Id);
        Assert.Equal(2, snapshot.Members.Count);
        Assert.True(snapshot.Members.Single(m => m.AccountId == scenario.Founder.Account.Id).IsFounder);
    }

    [Fact]
    public async Task An_invitation_works_once()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var invitation = await scenario.FounderHub.CreateInvitationAsync(scenario.Id, TwinSpaceRole.Expert);
        var first = await scenario.ConnectAsync(await Server.NewTeacherAsync());
        var second = await scenario.ConnectAsync(await Server.NewTeacherAsync());

        Assert.Equal(TwinSpaceRole.Expert, (await first.AcceptInvitationAsync(invitation.Token)).MyRole);
        var reuse = await Assert.ThrowsAsync<CollabHubException>(() => second.AcceptInvitationAsync(invitation.Token));
        Assert.Equal("not_found", reuse.Code);
        var unknown = await Assert.ThrowsAsync<CollabHubException>(() => second.AcceptInvitationAsync("made-up-token"));
        Assert.Equal("not_found", unknown.Code);
        Assert.Empty(await second.ListMyTwinSpacesAsync());
    }

    [Fact]
    public async Task Teacher_creates_pupils_in_bulk_and_a_pupil_logs_in_with_code_username_and_password()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var credentials = await scenario.FounderHub.CreatePupilsAsync(scenario.Id, "Fox", "Zoë", "Fox", "🙂");

        Assert.Equal(4, credentials.Count);
        Assert.Equal(4, credentials.Select(c => c.Username).Distinct().Count());
        Assert.StartsWith("zoe", credentials[1].Username, StringComparison.Ordinal);
        Assert.StartsWith("pupil", credentials[3].Username, StringComparison.Ordinal);
        Assert.All(credentials, c => Assert.Matches("^[a-z]+-[a-z]+-[0-9]{2}$", c.Password));

        // The code is forgiving about case and dashes, as a child types it from a card.
        var code = scenario.TwinSpace.Code.ToLowerInvariant().Insert(4, "-");
        var tokens = await Server.Api.PupilLoginAsync(new PupilLoginRequest(code, credentials[0].Username.ToUpperInvariant(), credentials[0].Password));
        Assert.Equal(AccountKind.Pupil, tokens.Account.Kind);
        Assert.Equal(scenario.Id, tokens.Account.TwinSpaceId);
        Assert.Equal("Fox", tokens.Account.DisplayName);
        Assert.Null(tokens.Account.Country);

        await using var pupilHub = await Server.ConnectAsync(tokens);
        var mine = Assert.Single(await pupilHub.ListMyTwinSpacesAsync());
        Assert.Equal(TwinSpaceRole.Pupil, mine.MyRole);
    }

    [Fact]
    public async Task Presence_tells_members_when_a_pupil_comes_online_and_goes_offline()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var presence = new EventRecorder<PresenceEvent>();
        scenario.FounderHub.PresenceChanged += presence.Record;
        await scenario.FounderHub.JoinTwinSpaceAsync(scenario.Id);
        var pupil = await scenario.AddPupilAsync("Owl");

        var snapshot = await pupil.Hub.JoinTwinSpaceAsync(scenario.Id);
        await presence.WaitForAsync(p => p.AccountId == pupil.Tokens.Account.Id && p.Online);
        Assert.True(snapshot.Members.Single(m => m.AccountId == scenario.Founder.Account.Id).Online);
        Assert.True(snapshot.Members.Single(m => m.AccountId == pupil.Tokens.Account.Id).Online);

        await pupil.Hub.DisposeAsync();
        await presence.WaitForAsync(p => p.AccountId == pupil.Tokens.Account.Id && !p.Online);
    }

    [Fact]
    public async Task Resetting_a_password_replaces_the_old_one_and_lifts_a_lockout()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var pupil = (await scenario.FounderHub.CreatePupilsAsync(scenario.Id, "Lynx")).Single();
        for (var i = 0; i < 5; i++)
            await Assert.ThrowsAsync<CollabHubException>(() => Server.PupilLoginAsync(scenario.TwinSpace, pupil with { Password = "wrong-guess-00" }));
        var locked = await Assert.ThrowsAsync<CollabHubException>(() => Server.PupilLoginAsync(scenario.TwinSpace, pupil));
        Assert.Equal("rate_limited", locked.Code);

        var reset = await scenario.FounderHub.ResetPupilPasswordAsync(scenario.Id, pupil.AccountId);

        Assert.NotEqual(pupil.Password, reset.Password);
        var old = await Assert.ThrowsAsync<CollabHubException>(() => Server.PupilLoginAsync(scenario.TwinSpace, pupil));
        Assert.Equal("unauthorized", old.Code);
        Assert.Equal(pupil.AccountId, (await Server.PupilLoginAsync(scenario.TwinSpace, reset)).Account.Id);
        var audit = await scenario.FounderHub.GetAuditLogAsync(scenario.Id);
        Assert.Contains(audit, e => e.Action == "pupil.password_reset" && e.TargetId == pupil.AccountId);
    }

    [Fact]
    public async Task Roles_change_within_their_kind_and_a_founder_cannot_be_demoted()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var (partner, partnerHub) = await scenario.AddTeacherAsync();
        var pupil = (await scenario.FounderHub.CreatePupilsAsync(scenario.Id, "Seal")).Single();

        var promoted = await scenario.FounderHub.ChangeRoleAsync(scenario.Id, partner.Account.Id, TwinSpaceRole.TeacherAdministrator);
        Assert.Equal(TwinSpaceRole.TeacherAdministrator, promoted.Role);
        var pupilAdmin = await partnerHub.SetPupilAdministratorAsync(scenario.Id, pupil.AccountId, true);
        Assert.Equal(TwinSpaceRole.PupilAdministrator, pupilAdmin.Role);

        var demoteFounder = await Assert.ThrowsAsync<CollabHubException>(
            () => partnerHub.ChangeRoleAsync(scenario.Id, scenario.Founder.Account.Id, TwinSpaceRole.Teacher));
        Assert.Equal("conflict", demoteFounder.Code);
        var pupilAsTeacher = await Assert.ThrowsAsync<CollabHubException>(
            () => scenario.FounderHub.ChangeRoleAsync(scenario.Id, pupil.AccountId, TwinSpaceRole.Teacher));
        Assert.Equal("invalid", pupilAsTeacher.Code);
        var removeFounder = await Assert.ThrowsAsync<CollabHubException>(() => partnerHub.RemoveMemberAsync(scenario.Id, scenario.Founder.Account.Id));
        Assert.Equal("conflict", removeFounder.Code);
    }

    [Fact]
    public async Task A_removed_member_is_told_loses_the_group_and_cannot_act()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var (partner, partnerHub) = await scenario.AddTeacherAsync();
        await partnerHub.JoinTwinSpaceAsync(scenario.Id);
        var revoked = new EventRecorder<AccessRevokedEvent>();
        var changed = new EventRecorder<TwinSpaceView>();
        partnerHub.AccessRevoked += revoked.Record;
        partnerHub.TwinSpaceChanged += changed.Record;

        await scenario.FounderHub.RemoveMemberAsync(scenario.Id, partner.Account.Id);

        await revoked.WaitForAsync(r => r.TwinSpaceId == scenario.Id);
        // Events of the TwinSpace no longer reach the removed member's connection.
        await scenario.FounderHub.UpdateTwinSpaceAsync(scenario.Id, "Renamed after removal", null);
        var afterRemoval = await scenario.FounderHub.UpdateTwinSpaceAsync(scenario.Id, "Renamed twice", null);
        Assert.Equal("Renamed twice", afterRemoval.Title);
        Assert.Empty(changed.Seen);
        var error = await Assert.ThrowsAsync<CollabHubException>(() => partnerHub.JoinTwinSpaceAsync(scenario.Id));
        Assert.Equal("forbidden", error.Code);
    }

    [Fact]
    public async Task An_archived_TwinSpace_reads_but_refuses_changes_and_a_closed_one_is_gone()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var pupil = await scenario.AddPupilAsync("Crab");

        var archived = await scenario.FounderHub.ArchiveTwinSpaceAsync(scenario.Id);
        Assert.Equal(TwinSpaceState.Archived, archived.State);
        Assert.Equal(TwinSpaceState.Archived, (await pupil.Hub.JoinTwinSpaceAsync(scenario.Id)).TwinSpace.State);
        var write = await Assert.ThrowsAsync<CollabHubException>(() => scenario.FounderHub.CreatePupilsAsync(scenario.Id, "Late"));
        Assert.Equal("read_only", write.Code);
        var rename = await Assert.ThrowsAsync<CollabHubException>(() => scenario.FounderHub.UpdateTwinSpaceAsync(scenario.Id, "x", null));
        Assert.Equal("read_only", rename.Code);

        await scenario.FounderHub.CloseTwinSpaceAsync(scenario.Id);

        var gone = await Assert.ThrowsAsync<CollabHubException>(() => scenario.FounderHub.JoinTwinSpaceAsync(scenario.Id));
        Assert.Equal("not_found", gone.Code);
        Assert.Empty(await scenario.FounderHub.ListMyTwinSpacesAsync());
        var login = await Assert.ThrowsAsync<CollabHubException>(() => Server.PupilLoginAsync(scenario.TwinSpace, pupil.Credentials));
        Assert.Equal("unauthorized", login.Code);
        var refresh = await Assert.ThrowsAsync<CollabHubException>(() => Server.Api.RefreshAsync(pupil.Tokens.RefreshToken));
        Assert.Equal("unauthorized", refresh.Code);
    }

    [Fact]
    public async Task Descriptions_keep_their_lines_and_MessagePack_clients_get_the_same_answers_as_json_clients()
    {
        await using var scenario = await TwinSpaceScenario.CreateAsync(Server);
        var updated = await scenario.FounderHub.UpdateTwinSpaceAsync(scenario.Id, "Two lines", "First line\r\nSecond line");
        Assert.Equal("First line\nSecond line", updated.Description);

        await using var binary = await Server.ConnectAsync(scenario.Founder, useMessagePack: true);
        var snapshot = await binary.JoinTwinSpaceAsync(scenario.Id);
        Assert.Equal("First line\nSecond line", snapshot.TwinSpace.Description);
        Assert.Equal(TwinSpaceRole.TeacherAdministrator, snapshot.TwinSpace.MyRole);
        var error = await Assert.ThrowsAsync<CollabHubException>(() => binary.CreateTwinSpaceAsync(""));
        Assert.Equal("invalid", error.Code);
    }
}
