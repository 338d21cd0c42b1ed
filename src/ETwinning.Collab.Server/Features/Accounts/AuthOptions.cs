using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Features.Accounts;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// HMAC key for access tokens, at least 32 bytes as base64. Empty: a key is generated once and kept in
    /// <c>&lt;data&gt;/signing.key</c>. Nodes behind one load balancer must share the key.
    /// </summary>
    public string SigningKey { get; set; } = "";

    [Required] public string Issuer { get; set; } = "etwinning-collab";

    [Required] public string Audience { get; set; } = "etwinning-collab";

    [Range(1, 1_440)] public int AccessTokenMinutes { get; set; } = 15;

    [Range(1, 365)] public int RefreshTokenDays { get; set; } = 14;

    public ExternalIssuerOptions External { get; set; } = new();
}

/// <summary>An OpenID Connect issuer whose access tokens identify teachers (the platform login).</summary>
public sealed class ExternalIssuerOptions
{
    /// <summary>Issuer URL (discovery at <c>/.well-known/openid-configuration</c>). Empty: off.</summary>
    public string Authority { get; set; } = "";

    public string Audience { get; set; } = "";

    /// <summary>Only for local test issuers on loopback.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Authority);
}
