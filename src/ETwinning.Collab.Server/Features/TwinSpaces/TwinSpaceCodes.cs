using System.Security.Cryptography;

namespace ETwinning.Collab.Server.Features.TwinSpaces;

/// <summary>Short codes pupils type: 8 characters with no look-alikes (no 0/O, 1/I/L).</summary>
public static class TwinSpaceCodes
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 8;

    public static string New() => string.Create(Length, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++) span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
    });

    /// <summary>Upper-cases and drops spaces and dashes, so "abcd-efgh" finds ABCDEFGH.</summary>
    public static string Normalize(string? code) =>
        new((code ?? "").Where(c => c is not (' ' or '-')).Select(char.ToUpperInvariant).ToArray());
}
