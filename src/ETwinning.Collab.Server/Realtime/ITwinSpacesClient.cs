using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>Events of the TwinSpaces feature (see docs/protocol.md).</summary>
public interface ITwinSpacesClient
{
    Task PresenceChanged(PresenceEvent presence);
    Task MemberChanged(MemberChangedEvent change);
    Task TwinSpaceChanged(TwinSpaceView twinSpace);
    Task AccessRevoked(AccessRevokedEvent revoked);
    Task PupilTeamChanged(PupilTeamChangedEvent change);
}
