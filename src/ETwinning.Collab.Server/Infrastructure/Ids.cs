using System.Security.Cryptography;

namespace ETwinning.Collab.Server.Infrastructure;

/// <summary>Server-generated identifiers and secrets.</summary>
public static class Ids
{
    /// <summary>A new random id: 32 lowercase hex characters (safe in file names and URLs).</summary>
    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>A URL-safe random secret of <paramref name="bytes"/> bytes of entropy.</summary>
    public static string Secret(int bytes = 32) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The lookup key for a secret: secrets are stored only as their SHA-256.</summary>
    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));
}
