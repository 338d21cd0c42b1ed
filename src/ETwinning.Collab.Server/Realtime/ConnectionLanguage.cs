using System.Globalization;
using ETwinning.Collab.Server.Infrastructure.Localization;
using Microsoft.AspNetCore.SignalR;

namespace ETwinning.Collab.Server.Realtime;

/// <summary>
/// The language a hub connection reads its messages in: the one it chose with <c>SetLanguage</c>, else the one of its
/// connect request (<see cref="RequestLanguage"/>). Kept in the connection's items, so it lives and dies with the
/// connection; a reconnect is a new connection and asks again.
/// </summary>
internal static class ConnectionLanguage
{
    private static readonly object Key = new();

    public static CultureInfo Of(HubCallerContext connection) =>
        connection.Items.TryGetValue(Key, out var chosen) && chosen is CultureInfo culture
            ? culture
            : RequestLanguage.Of(connection.GetHttpContext());

    public static void Set(HubCallerContext connection, CultureInfo culture) => connection.Items[Key] = culture;
}
