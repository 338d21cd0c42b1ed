namespace ETwinning.Collab.Server.Features.Accounts;

/// <summary>A platform teacher as stored in catalog.db.</summary>
public sealed record TeacherAccount
{
    public required string Id { get; init; }
    /// <summary>Lower-cased; unique.</summary>
    public required string Email { get; init; }
    public required string DisplayName { get; init; }
    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public required string Country { get; init; }
    /// <summary>Empty for accounts that only sign in through the external issuer.</summary>
    public string PasswordHash { get; init; } = "";
    public bool IsValidated { get; init; }
    public int FailedLogins { get; init; }
    public DateTime? LockedUntil { get; init; }
    public DateTime CreatedAt { get; init; }
}
