namespace ETwinning.Collab.Server.Infrastructure.Connections;

public enum LeaveReason
{
    /// <summary>The client asked to leave.</summary>
    Left,

    /// <summary>The connection closed.</summary>
    Disconnected,

    /// <summary>The account lost access (removed, TwinSpace closed): it is taken out at once, on every node.</summary>
    Evicted,
}
