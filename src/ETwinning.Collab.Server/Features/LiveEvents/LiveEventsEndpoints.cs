using System.Text;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

namespace ETwinning.Collab.Server.Features.LiveEvents;

/// <summary>
/// Downloads of live events: the calendar file for everyone who may join (outsiders of a public event too), the reports
/// for hosts.
/// </summary>
public static class LiveEventsEndpoints
{
    public static WebApplication MapLiveEventsApi(this WebApplication app)
    {
        app.MapGet("/api/twinspaces/{twinSpaceId}/live-events/{eventId}/calendar.ics",
                async (string eventId, CurrentMember member, LiveEventReports reports, HttpContext http) =>
                    Results.File(Encoding.UTF8.GetBytes(await reports.CalendarAsync(member.Value, eventId, http.RequestAborted)),
                        "text/calendar; charset=utf-8", "event.ics"))
            .RequireAuthorization().AddEndpointFilter(new PublicLiveEventEndpointFilter(TwinSpaceAction.JoinLiveEvents));
        app.MapGet("/api/twinspaces/{twinSpaceId}/live-events/{eventId}/attendance.csv",
                async (string eventId, CurrentMember member, LiveEventReports reports, HttpContext http) =>
                    Results.File(Encoding.UTF8.GetBytes(await reports.AttendanceCsvAsync(member.Value, eventId, http.RequestAborted)),
                        "text/csv; charset=utf-8", "attendance.csv"))
            .RequirePermission(TwinSpaceAction.HostLiveEvents);
        app.MapGet("/api/twinspaces/{twinSpaceId}/live-events/{eventId}/results.csv",
                async (string eventId, CurrentMember member, LiveEventReports reports, HttpContext http) =>
                    Results.File(Encoding.UTF8.GetBytes(await reports.ResultsCsvAsync(member.Value, eventId, http.RequestAborted)),
                        "text/csv; charset=utf-8", "results.csv"))
            .RequirePermission(TwinSpaceAction.HostLiveEvents);
        return app;
    }
}
