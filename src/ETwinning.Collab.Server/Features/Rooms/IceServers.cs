using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ETwinning.Collab.Client.Protocol;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>The ICE servers for a participant, with TURN credentials in coturn's REST scheme (see <see cref="RoomsIceOptions"/>).</summary>
public sealed class IceServers(IOptions<RoomsIceOptions> options, TimeProvider clock)
{
    private readonly RoomsIceOptions _options = options.Value;

    public IceServersView For(string accountId)
    {
        var expires = clock.GetUtcNow().AddSeconds(_options.TurnCredentialLifetimeSeconds);
        var servers = new List<IceServerView>();
        if (_options.StunUrls.Length > 0) servers.Add(new IceServerView(_options.StunUrls, null, null));
        if (_options.TurnUrls.Length > 0 && _options.TurnSharedSecret.Length > 0)
        {
            var username = $"{expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}:{accountId}";
            servers.Add(new IceServerView(_options.TurnUrls, username, Password(username, _options.TurnSharedSecret)));
        }
        return new IceServersView(servers, expires.UtcDateTime);
    }

    /// <summary>coturn's REST password: base64(HMAC-SHA1(secret, username)).</summary>
    public static string Password(string username, string sharedSecret)
    {
        // SHA-1 because coturn's TURN REST scheme defines it; it is an HMAC over a short-lived name, not a stored hash.
#pragma warning disable CA5350
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(sharedSecret), Encoding.UTF8.GetBytes(username)));
#pragma warning restore CA5350
    }
}
