using System.Security.Cryptography;
using System.Text;
using ETwinning.Collab.Server.Features.Accounts;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// Short-lived signed URLs, so <c>&lt;img&gt;</c> and <c>&lt;video&gt;</c> tags work without an access token in
/// the URL (tokens in URLs end up in histories, logs and Referer headers). The signature is an HMAC-SHA256 over
/// the resource path and the expiry, with a key derived from the token signing key (HKDF, own purpose label), so
/// every node of a cluster signs and checks alike and a URL signature can never be replayed as a token.
/// Expiries are rounded up to the minute, so lists fetched moments apart give the same, cacheable URLs.
/// </summary>
public sealed class MaterialUrlSigner
{
    private static readonly byte[] Purpose = "etwinning-collab/material-urls/v1"u8.ToArray();
    private readonly byte[] _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _clock;

    public MaterialUrlSigner(SigningKey signingKey, IOptions<MaterialsOptions> options, TimeProvider clock)
    {
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, signingKey.SecurityKey.Key, 32, salt: [], info: Purpose);
        _lifetime = TimeSpan.FromSeconds(options.Value.SignedUrlSeconds);
        _clock = clock;
    }

    /// <summary>Signs <paramref name="path"/> (starting with <c>/api/files/</c>); returns the URL and its expiry.</summary>
    public (string Url, DateTime ExpiresAt) Sign(string path)
    {
        var expires = (_clock.GetUtcNow() + _lifetime).ToUnixTimeSeconds();
        expires = (expires + 59) / 60 * 60;
        return ($"{path}?expires={expires}&signature={Signature(path, expires)}", DateTimeOffset.FromUnixTimeSeconds(expires).UtcDateTime);
    }

    /// <summary>True when the signature matches and has not expired.</summary>
    public bool IsValid(string path, long expires, string? signature)
    {
        if (string.IsNullOrEmpty(signature) || expires < _clock.GetUtcNow().ToUnixTimeSeconds()) return false;
        var expected = Encoding.ASCII.GetBytes(Signature(path, expires));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }

    /// <summary>Seconds until <paramref name="expires"/> (for Cache-Control).</summary>
    public int SecondsLeft(long expires) => (int)Math.Max(0, expires - _clock.GetUtcNow().ToUnixTimeSeconds());

    private string Signature(string path, long expires)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{path}\n{expires}"));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
