using System.Security.Cryptography;
using ETwinning.Collab.Server.Infrastructure.Storage;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ETwinning.Collab.Server.Features.Accounts;

/// <summary>
/// The key that signs access tokens: the configured one, or one generated on first start and kept in the data
/// folder so tokens survive a restart without any setup.
/// </summary>
public sealed class SigningKey
{
    private const int KeyBytes = 32;

    public SigningKey(IOptions<AuthOptions> options, IOptions<StorageOptions> storage, IHostEnvironment environment)
    {
        var configured = options.Value.SigningKey;
        byte[] key;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            key = Convert.FromBase64String(configured);
            if (key.Length < KeyBytes) throw new InvalidOperationException($"Auth:SigningKey must be at least {KeyBytes} bytes (base64).");
        }
        else
        {
            key = LoadOrCreate(Path.Combine(Path.GetFullPath(storage.Value.DataDirectory, environment.ContentRootPath), "signing.key"));
        }
        SecurityKey = new SymmetricSecurityKey(key) { KeyId = Convert.ToHexStringLower(SHA256.HashData(key))[..16] };
        Credentials = new SigningCredentials(SecurityKey, SecurityAlgorithms.HmacSha256);
    }

    public SymmetricSecurityKey SecurityKey { get; }

    public SigningCredentials Credentials { get; }

    private static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: false);
        return key;
    }
}
