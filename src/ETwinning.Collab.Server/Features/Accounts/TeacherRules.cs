using System.Net.Mail;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Features.Accounts;

/// <summary>Checks for teacher registration input.</summary>
internal static class TeacherRules
{
    public const int MaxEmailLength = 254;
    public const int MaxPasswordLength = 128;
    public const int MaxDisplayNameLength = 80;

    public static string Email(string? email)
    {
        var trimmed = Require.Text(email, "E-mail", 3, MaxEmailLength).ToLowerInvariant();
        if (!MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed)
            throw CollabException.Invalid("E-mail is not a valid address.").WithKey("Account_EmailInvalid");
        return trimmed;
    }

    public static string Country(string? country)
    {
        var code = (country ?? "").Trim().ToUpperInvariant();
        if (code.Length != 2 || !code.All(char.IsAsciiLetterUpper))
            throw CollabException.Invalid("Country must be a two-letter ISO code such as AT or PT.").WithKey("Account_Country");
        return code;
    }

    public static string Password(string? password, int minLength)
    {
        if (string.IsNullOrEmpty(password) || password.Length < minLength)
            throw CollabException.Invalid($"Password needs at least {minLength} characters.").WithKey("Account_PasswordShort", minLength);
        if (password.Length > MaxPasswordLength)
            throw CollabException.Invalid($"Password can have at most {MaxPasswordLength} characters.").WithKey("Account_PasswordLong", MaxPasswordLength);
        return password;
    }
}
