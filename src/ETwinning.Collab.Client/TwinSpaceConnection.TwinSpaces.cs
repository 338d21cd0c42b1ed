using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Client;

public sealed partial class TwinSpaceConnection
{
    /// <summary>The caller's TwinSpaces (not closed).</summary>
    public Task<IReadOnlyList<TwinSpaceView>> ListMyTwinSpacesAsync() => InvokeAsync<IReadOnlyList<TwinSpaceView>>("ListMyTwinSpaces");

    /// <summary>Creates a TwinSpace; the caller becomes founder.</summary>
    public Task<TwinSpaceView> CreateTwinSpaceAsync(string title, string? description = null) =>
        InvokeAsync<TwinSpaceView>("CreateTwinSpace", new CreateTwinSpaceRequest(title, description));

    /// <summary>Joins a TwinSpace's live events; remembered and re-joined after reconnects.</summary>
    public async Task<TwinSpaceSnapshot> JoinTwinSpaceAsync(string twinSpaceId)
    {
        var snapshot = await InvokeAsync<TwinSpaceSnapshot>("JoinTwinSpace", twinSpaceId).ConfigureAwait(false);
        lock (_gate) _joined.Add(twinSpaceId);
        return snapshot;
    }

    /// <summary>Stops receiving a TwinSpace's events.</summary>
    public async Task LeaveTwinSpaceAsync(string twinSpaceId)
    {
        lock (_gate) _joined.Remove(twinSpaceId);
        await InvokeAsync("LeaveTwinSpace", twinSpaceId).ConfigureAwait(false);
    }

    /// <summary>Renames a TwinSpace.</summary>
    public Task<TwinSpaceView> UpdateTwinSpaceAsync(string twinSpaceId, string title, string? description) =>
        InvokeAsync<TwinSpaceView>("UpdateTwinSpace", twinSpaceId, new UpdateTwinSpaceRequest(title, description));

    /// <summary>Creates a one-time invitation.</summary>
    public Task<InvitationView> CreateInvitationAsync(string twinSpaceId, TwinSpaceRole role) =>
        InvokeAsync<InvitationView>("CreateInvitation", twinSpaceId, new CreateInvitationRequest(role));

    /// <summary>Accepts an invitation.</summary>
    public Task<TwinSpaceView> AcceptInvitationAsync(string token) => InvokeAsync<TwinSpaceView>("AcceptInvitation", token);

    /// <summary>Changes a member's role.</summary>
    public Task<MemberView> ChangeRoleAsync(string twinSpaceId, string accountId, TwinSpaceRole role) =>
        InvokeAsync<MemberView>("ChangeRole", twinSpaceId, accountId, role);

    /// <summary>Removes a member.</summary>
    public Task RemoveMemberAsync(string twinSpaceId, string accountId) => InvokeAsync("RemoveMember", twinSpaceId, accountId);

    /// <summary>Creates pupil logins; the passwords are shown only in this result.</summary>
    public Task<IReadOnlyList<PupilCredentials>> CreatePupilsAsync(string twinSpaceId, params string[] nicknames) =>
        InvokeAsync<IReadOnlyList<PupilCredentials>>("CreatePupils", twinSpaceId, new CreatePupilsRequest(nicknames));

    /// <summary>Gives a pupil a new password.</summary>
    public Task<PupilCredentials> ResetPupilPasswordAsync(string twinSpaceId, string accountId) =>
        InvokeAsync<PupilCredentials>("ResetPupilPassword", twinSpaceId, accountId);

    /// <summary>Promotes a pupil to pupil administrator or back.</summary>
    public Task<MemberView> SetPupilAdministratorAsync(string twinSpaceId, string accountId, bool isAdministrator) =>
        InvokeAsync<MemberView>("SetPupilAdministrator", twinSpaceId, accountId, isAdministrator);

    /// <summary>Makes the TwinSpace read-only.</summary>
    public Task<TwinSpaceView> ArchiveTwinSpaceAsync(string twinSpaceId) => InvokeAsync<TwinSpaceView>("ArchiveTwinSpace", twinSpaceId);

    /// <summary>Closes the TwinSpace for good.</summary>
    public Task CloseTwinSpaceAsync(string twinSpaceId) => InvokeAsync("CloseTwinSpace", twinSpaceId);

    /// <summary>Reads the audit log, newest first.</summary>
    public Task<IReadOnlyList<AuditEntryView>> GetAuditLogAsync(string twinSpaceId, long? beforeSequence = null, int? limit = null) =>
        InvokeAsync<IReadOnlyList<AuditEntryView>>("GetAuditLog", twinSpaceId, new AuditQuery(beforeSequence, limit));
}
