using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>
/// The ICE servers browsers use for room media. TURN credentials follow coturn's REST scheme (coturn's
/// <c>use-auth-secret</c> with <c>static-auth-secret</c> = <see cref="TurnSharedSecret"/>): the username is
/// <c>expiry:userId</c> (expiry in Unix seconds) and the password the base64 HMAC-SHA1 of the username keyed with the
/// shared secret, so coturn checks them without asking us, and they stop working at the expiry.
/// </summary>
public sealed class RoomsIceOptions
{
    public const string Section = "Rooms:Ice";

    /// <summary>STUN URLs (<c>stun:host:3478</c>), given without credentials.</summary>
    public string[] StunUrls { get; set; } = [];

    /// <summary>TURN URLs (<c>turn:host:3478?transport=udp</c>, <c>turns:host:5349</c>); used only with a shared secret.</summary>
    public string[] TurnUrls { get; set; } = [];

    public string TurnSharedSecret { get; set; } = "";

    [Range(60, 86_400)] public int TurnCredentialLifetimeSeconds { get; set; } = 3_600;
}
