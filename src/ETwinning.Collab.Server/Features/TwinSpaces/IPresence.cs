namespace ETwinning.Collab.Server.Features.TwinSpaces;

/// <summary>Who is online in a TwinSpace right now; Realtime knows, services ask.</summary>
public interface IPresence
{
    bool IsOnline(string twinSpaceId, string accountId);
}
