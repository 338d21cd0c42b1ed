namespace ETwinning.Collab.Server.Infrastructure.Nodes;

/// <summary>This process's id among the nodes: new at every start, so a restarted node is a new node.</summary>
public sealed class NodeIdentity
{
    public string Id { get; } = Guid.NewGuid().ToString("N");
}
