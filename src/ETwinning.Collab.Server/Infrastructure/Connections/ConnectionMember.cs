namespace ETwinning.Collab.Server.Infrastructure.Connections;

/// <summary>A connection and who holds it, as the registry knows them.</summary>
public sealed record ConnectionMember(string ConnectionId, string AccountId, string DisplayName);
