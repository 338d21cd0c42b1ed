using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

namespace ETwinning.Collab.Server.Features.Rooms;

public static class RoomsEndpoints
{
    /// <summary>The attendance export of one session, for the teachers who run sessions.</summary>
    public static WebApplication MapRoomsApi(this WebApplication app)
    {
        app.MapGroup("/api/twinspaces/{twinSpaceId}")
            .MapGet("/rooms/{roomId}/sessions/{sessionId}/attendance.csv", async (HttpContext http, CurrentMember member, RoomSessionService sessions,
                string roomId, string sessionId) =>
            {
                var csv = await sessions.AttendanceCsvAsync(member.Value, roomId, sessionId, http.RequestAborted);
                return Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"attendance-{sessionId}.csv");
            })
            .RequirePermission(TwinSpaceAction.HostRoomSessions);
        return app;
    }
}
