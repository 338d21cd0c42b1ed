using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.Chat;
using ETwinning.Collab.Server.Features.Demo;
using ETwinning.Collab.Server.Features.Export;
using ETwinning.Collab.Server.Features.Materials;
using ETwinning.Collab.Server.Features.Forums;
using ETwinning.Collab.Server.Features.LiveEvents;
using ETwinning.Collab.Server.Features.Moderation;
using ETwinning.Collab.Server.Features.Pages;
using ETwinning.Collab.Server.Features.Rooms;
using ETwinning.Collab.Server.Features.Storage;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.Updates;
using ETwinning.Collab.Server.Infrastructure.Cluster;
using ETwinning.Collab.Server.Infrastructure.Health;
using ETwinning.Collab.Server.Infrastructure.Http;
using ETwinning.Collab.Server.Infrastructure.Metrics;
using ETwinning.Collab.Server.Infrastructure.Redis;
using ETwinning.Collab.Server.Realtime;

namespace ETwinning.Collab.Server;

/// <summary>Composes the server. Program.cs and the integration tests both build it here.</summary>
public static class CollabApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.AddCollabHttp();
        builder.AddCollabMetrics();
        builder.AddStorage();
        var redis = builder.AddRedisIfConfigured();
        builder.AddClusterState(redis);
        builder.AddCollabHealth(redis);
        builder.AddAccounts();
        builder.AddModeration();
        builder.AddTwinSpaces();
        builder.AddMaterials();
        builder.AddChat();
        builder.AddPages();
        builder.AddForums();
        builder.AddUpdates();
        builder.AddRooms(redis);
        builder.AddLiveEvents();
        builder.AddRealtime(redis);
        builder.AddDemo();

        var app = builder.Build();
        app.UseCollabHttp();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapCollabHealth();
        app.MapCollabMetrics();
        app.MapAccountsApi();
        app.MapTwinSpacesApi();
        app.MapPagesApi();
        app.MapMaterialsApi();
        app.MapExportApi();
        app.MapRoomsApi();
        app.MapLiveEventsApi();
        app.MapRealtime();
        app.MapWebClient();
        return app;
    }
}
