using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace ETwinning.Collab.Server.Features.Accounts;

public static class AccountsExtensions
{
    private const string SelectScheme = "bearer-or-external";
    private const string ExternalScheme = "external";

    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Passwords>();
        services.TryAddSingleton<SigningKey>();
        services.TryAddSingleton<TokenIssuer>();
        services.TryAddSingleton<AccountService>();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<AccountOptions>>().Value);

        var external = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>()?.External ?? new ExternalIssuerOptions();
        var authentication = services.AddAuthentication(external.IsEnabled ? SelectScheme : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SigningKey, IOptions<AuthOptions>>((jwt, key, auth) =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = TokenIssuer.ValidationParameters(auth.Value, key);
            jwt.Events = new JwtBearerEvents { OnMessageReceived = context => { context.Token = TokenLocator.Find(context.Request); return Task.CompletedTask; } };
        });
        if (external.IsEnabled) AddExternalIssuer(authentication, services, external);
        services.AddAuthorization();
        return builder;
    }

    /// <summary>Accepts teacher tokens of the platform's OpenID Connect issuer next to our own tokens.</summary>
    private static void AddExternalIssuer(AuthenticationBuilder authentication, IServiceCollection services, ExternalIssuerOptions external)
    {
        authentication.AddJwtBearer(ExternalScheme, jwt =>
        {
            jwt.Authority = external.Authority;
            jwt.Audience = external.Audience;
            jwt.RequireHttpsMetadata = external.RequireHttpsMetadata;
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters.AuthenticationType = ExternalTeacherClaims.AuthenticationType;
            jwt.Events = new JwtBearerEvents
            {
                OnMessageReceived = context => { context.Token = TokenLocator.Find(context.Request); return Task.CompletedTask; },
                // Teachers are matched by e-mail; a platform token without one identifies nobody we know.
                OnTokenValidated = context =>
                {
                    if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst("email")?.Value)) context.Fail("The platform token has no e-mail claim.");
                    return Task.CompletedTask;
                },
            };
        });
        authentication.AddPolicyScheme(SelectScheme, SelectScheme, policy => policy.ForwardDefaultSelector = context =>
        {
            var token = TokenLocator.Find(context.Request);
            var ownIssuer = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.Issuer;
            return token is not null && IssuerOf(token) is { } issuer && issuer != ownIssuer ? ExternalScheme : JwtBearerDefaults.AuthenticationScheme;
        });
        services.AddTransient<IClaimsTransformation, ExternalTeacherClaims>();
    }

    private static string? IssuerOf(string token)
    {
        try { return new JsonWebToken(token).Issuer; }
        catch (ArgumentException) { return null; }
    }
}
