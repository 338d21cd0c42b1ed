namespace ETwinning.Collab.Client.Protocol;

/// <summary>
/// The media of a running live event: <see cref="Available"/> false when the server has no media server (the event runs
/// without media); else the account ids publishing a feed now, to subscribe to.
/// </summary>
public sealed record LiveEventMediaView(bool Available, IReadOnlyList<string> Publishers);
