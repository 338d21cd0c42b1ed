using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.TwinSpaces;

/// <summary>The events the TwinSpaces feature emits; Realtime delivers them over the hub.</summary>
public interface ITwinSpaceNotifier
{
    Task MemberChangedAsync(MemberChangedEvent change);
    Task TwinSpaceChangedAsync(TwinSpaceView twinSpace);
    Task PupilTeamChangedAsync(PupilTeamChangedEvent change);
    /// <summary>Tells the account it lost access and removes its connections from the TwinSpace's group.</summary>
    Task AccessRevokedAsync(string twinSpaceId, string accountId, string reason);
    /// <summary>The TwinSpace closed: everyone loses access.</summary>
    Task TwinSpaceClosedAsync(string twinSpaceId);
}
