using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Audit;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.TwinSpaces.Teams;

/// <summary>
/// Pupil teams: teachers group pupils (often from several schools) so that a page, for example, can be assigned
/// to the team instead of pupil by pupil. Only pupils of the same TwinSpace can be in a team.
/// </summary>
public sealed class PupilTeamService(
    ITwinSpaceStore store, ITwinSpaceNotifier notifier, TwinSpaceService twinSpaces, IOptions<TwinSpaceOptions> options, TimeProvider clock)
{
    public const string AuditTeamSaved = "team.saved";
    public const string AuditTeamDeleted = "team.deleted";
    private readonly TwinSpaceOptions _options = options.Value;

    public async Task<IReadOnlyList<PupilTeamView>> ListAsync(MemberContext member, CancellationToken cancellationToken = default)
    {
        // Members who left the TwinSpace drop out of the view; their stale ids in the record are harmless.
        var current = (await store.MembersAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false)).Select(m => m.AccountId).ToHashSet();
        return (await store.TeamsAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false)).OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .Select(t => View(t, current)).ToList();
    }

    public async Task<PupilTeamView> SaveAsync(MemberContext member, SavePupilTeamRequest request)
    {
        Require.NotNull(request, "request");
        var name = Require.Text(request.Name, "Team name", 1, _options.MaxTeamNameLength);
        var memberIds = Require.NotNull(request.MemberIds, "memberIds").Select(id => Require.Id(id, "memberId")).Distinct().ToList();
        if (memberIds.Count > _options.MaxTeamMembers)
            throw CollabException.TooLarge($"A team can have at most {_options.MaxTeamMembers} pupils.").WithKey("Team_TooMany", _options.MaxTeamMembers);
        var pupils = (await store.MembersAsync(member.TwinSpaceId).ConfigureAwait(false)).Where(m => m.Kind == AccountKind.Pupil).Select(m => m.AccountId).ToHashSet();
        if (memberIds.Any(id => !pupils.Contains(id)))
            throw CollabException.Invalid("Teams are made of pupils of this TwinSpace.").WithKey("Team_OnlyPupils");

        var existing = request.TeamId is null ? null : await FindTeamAsync(member, request.TeamId).ConfigureAwait(false);
        var team = existing is null
            ? new PupilTeam { Id = Ids.New(), TwinSpaceId = member.TwinSpaceId, Name = name, MemberIds = memberIds, CreatedBy = member.AccountId, CreatedAt = clock.GetUtcNow().UtcDateTime }
            : existing with { Name = name, MemberIds = memberIds };
        await store.SaveTeamAsync(team).ConfigureAwait(false);
        await twinSpaces.AuditAsync(member, AuditTeamSaved, team.Id, $"{name}: {memberIds.Count} pupil(s)").ConfigureAwait(false);
        var view = View(team, pupils);
        await notifier.PupilTeamChangedAsync(new(member.TwinSpaceId, existing is null ? TeamChange.Created : TeamChange.Updated, view)).ConfigureAwait(false);
        return view;
    }

    public async Task DeleteAsync(MemberContext member, string? teamId)
    {
        var team = await FindTeamAsync(member, teamId).ConfigureAwait(false);
        await store.DeleteTeamAsync(member.TwinSpaceId, team.Id).ConfigureAwait(false);
        await twinSpaces.AuditAsync(member, AuditTeamDeleted, team.Id, team.Name).ConfigureAwait(false);
        await notifier.PupilTeamChangedAsync(new(member.TwinSpaceId, TeamChange.Deleted, View(team, new HashSet<string>()))).ConfigureAwait(false);
    }

    /// <summary>The team with this id in the member's TwinSpace; another TwinSpace's team is "not found".</summary>
    public async Task<PupilTeam> FindTeamAsync(MemberContext member, string? teamId, CancellationToken cancellationToken = default)
    {
        var id = Require.Id(teamId, "teamId");
        return (await store.TeamsAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(t => t.Id == id) ?? throw CollabException.NotFound("No such team in this TwinSpace.").WithKey("Team_NotFound");
    }

    private static PupilTeamView View(PupilTeam team, IReadOnlySet<string> currentMembers) =>
        new(team.Id, team.TwinSpaceId, team.Name, team.MemberIds.Where(currentMembers.Contains).ToList());
}
