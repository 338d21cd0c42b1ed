using ETwinning.Collab.Server.Features.Accounts;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>SignalR's user id is our account id (the token's <c>sub</c>), so <c>Clients.User(accountId)</c> works on every node.</summary>
internal sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User?.FindFirst(CallerIdentity.SubjectClaim)?.Value;
}
