namespace ETwinning.Collab.Server.Realtime;

/// <summary>SignalR group names, in one place so no feature invents its own spelling.</summary>
public static class GroupNames
{
    public static string TwinSpace(string twinSpaceId) => "ts:" + twinSpaceId;
}
