namespace ETwinning.Collab.Server.Infrastructure.Connections;

/// <summary>
/// A connection joined or left a scope. <see cref="AccountChanged"/> is true when this was the account's first
/// connection in the scope (on join) or its last (on leave): what presence announces.
/// </summary>
public sealed record ScopeChange(ConnectionMember Connection, ConnectionScope Scope, bool AccountChanged);
