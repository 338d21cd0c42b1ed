using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Features.Accounts;

public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>Failed logins in a row before an account is locked.</summary>
    [Range(1, 100)] public int MaxFailedLogins { get; set; } = 5;

    [Range(1, 1_440)] public int LockoutMinutes { get; set; } = 5;

    [Range(8, 128)] public int MinTeacherPasswordLength { get; set; } = 10;

    /// <summary>Register teachers as validated at once (Development default). Production: a platform admin validates.</summary>
    public bool AutoValidateTeachers { get; set; }

    /// <summary>Teacher e-mails with the platform-admin role (they validate teachers).</summary>
    public IList<string> PlatformAdminEmails { get; } = [];
}
