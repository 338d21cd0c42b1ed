namespace ETwinning.Collab.Server.Realtime;

/// <summary>Everything the server can call on a connected client: one small interface per feature.</summary>
public interface ITwinSpaceClient : ITwinSpacesClient, IChatClient, IForumsClient, IMaterialsClient, IPagesClient, IUpdatesClient, IRoomsClient, ILiveEventsClient;
