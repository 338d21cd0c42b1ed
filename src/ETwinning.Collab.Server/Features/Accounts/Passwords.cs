using Microsoft.AspNetCore.Identity;

namespace ETwinning.Collab.Server.Features.Accounts;

/// <summary>ASP.NET Core Identity's PBKDF2 hasher, without the rest of Identity.</summary>
public sealed class Passwords
{
    private static readonly object User = new();
    private readonly PasswordHasher<object> _hasher = new();
    // Verifying against this when the account does not exist keeps "no such user" and "wrong password" equally slow.
    private readonly Lazy<string> _decoyHash;

    public Passwords() => _decoyHash = new(() => _hasher.HashPassword(User, "decoy-password-for-timing"));

    public string Hash(string password) => _hasher.HashPassword(User, password);

    public bool Verify(string? hash, string password)
    {
        var result = _hasher.VerifyHashedPassword(User, string.IsNullOrEmpty(hash) ? _decoyHash.Value : hash, password);
        return !string.IsNullOrEmpty(hash) && result != PasswordVerificationResult.Failed;
    }
}
