using System.Text;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure.Storage;

namespace ETwinning.Collab.Server.Features.Demo;

/// <summary>
/// First start with the demo on: two teachers from two countries, one TwinSpace, a few pupils, and a project that is
/// under way (<see cref="DemoContent"/>: pages with pictures, a forum debate, chat, an album, a team, the journal).
/// Their logins are printed once and kept in <c>&lt;data&gt;/demo-logins.txt</c>, so a newcomer can try everything at once.
/// The demo goes through the same services as real users, so it cannot drift from what the API allows.
/// </summary>
internal sealed class DemoSeeder(
    AccountService accounts, IAccountStore accountStore, TwinSpaceService twinSpaces, PupilService pupils,
    PermissionGuard guard, DemoContent content, DataFolder data, ILogger<DemoSeeder> logger) : IHostedService
{
    private const string FounderEmail = "teacher.at@demo.invalid";
    private const string PartnerEmail = "teacher.pt@demo.invalid";
    private static readonly string[] PupilNicknames = ["Fox", "Owl", "Otter", "Lynx"];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var loginsFile = Path.Combine(data.Path, "demo-logins.txt");
        if (await accountStore.FindTeacherByEmailAsync(FounderEmail, cancellationToken) is not null)
        {
            logger.LogInformation("Demo TwinSpace exists; its logins are in {File}", loginsFile);
            return;
        }

        var founderPassword = ReadableSecrets.Password();
        var partnerPassword = ReadableSecrets.Password();
        var founder = await accounts.RegisterTeacherAsync(new(FounderEmail, founderPassword, "Demo Teacher (Austria)", "AT"), validated: true, cancellationToken);
        var partner = await accounts.RegisterTeacherAsync(new(PartnerEmail, partnerPassword, "Demo Teacher (Portugal)", "PT"), validated: true, cancellationToken);
        var founderIdentity = new CallerIdentity(founder.Id, AccountKind.Teacher, founder.DisplayName, null);
        var twinSpace = await twinSpaces.CreateAsync(founderIdentity,
            new("Demo: Water in our towns", "A demo project: pupils from two schools compare where their water comes from."), cancellationToken);

        var invitation = await twinSpaces.CreateInvitationAsync(
            await guard.DemandAsync(founderIdentity, twinSpace.Id, TwinSpaceAction.InviteMembers, cancellationToken), new(TwinSpaceRole.Teacher));
        await twinSpaces.AcceptInvitationAsync(new CallerIdentity(partner.Id, AccountKind.Teacher, partner.DisplayName, null), invitation.Token, cancellationToken);
        var credentials = await pupils.CreatePupilsAsync(
            await guard.DemandAsync(founderIdentity, twinSpace.Id, TwinSpaceAction.CreatePupils, cancellationToken), new(PupilNicknames), cancellationToken);
        // Owl writes the journal: pupil administrators post updates (DOMAIN.md).
        await twinSpaces.SetPupilAdministratorAsync(
            await guard.DemandAsync(founderIdentity, twinSpace.Id, TwinSpaceAction.ManagePupils, cancellationToken), credentials[1].AccountId, true);
        var pupilIdentities = credentials.Select(pupil => new CallerIdentity(pupil.AccountId, AccountKind.Pupil, pupil.Nickname, twinSpace.Id)).ToList();
        await content.CreateAsync(twinSpace.Id, founderIdentity,
            new CallerIdentity(partner.Id, AccountKind.Teacher, partner.DisplayName, null), pupilIdentities, cancellationToken);

        var text = new StringBuilder()
            .AppendLine("Demo logins (created on first start; the web client is at the server's address)")
            .AppendLine($"  Teacher (AT, founder): {FounderEmail} / {founderPassword}")
            .AppendLine($"  Teacher (PT, partner): {PartnerEmail} / {partnerPassword}")
            .AppendLine($"  Pupils: TwinSpace code {twinSpace.Code}");
        foreach (var pupil in credentials) text.AppendLine($"    {pupil.Nickname}: {pupil.Username} / {pupil.Password}");
        await File.WriteAllTextAsync(loginsFile, text.ToString(), cancellationToken);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(loginsFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // Printed on purpose, once: the demo exists to be logged into. Real accounts' secrets are never logged.
        Console.WriteLine(text.ToString());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
