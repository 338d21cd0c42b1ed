namespace ETwinning.Collab.Client.Protocol;

/// <summary>Event <c>LiveMediaPublished</c>, to the event's connections: a presenter's feed reached the media server and can be subscribed to.</summary>
public sealed record LiveMediaPublishedEvent(string TwinSpaceId, string EventId, string AccountId);
