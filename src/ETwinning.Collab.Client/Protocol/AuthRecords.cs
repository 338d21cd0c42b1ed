namespace ETwinning.Collab.Client.Protocol;

/// <summary>Registers a teacher account (validated by a platform admin unless auto-validation is on).</summary>
public sealed record RegisterTeacherRequest(string Email, string Password, string DisplayName, string Country);

/// <summary>Teacher login.</summary>
public sealed record LoginRequest(string Email, string Password);

/// <summary>Pupil login: the TwinSpace code, the username the teacher handed out, and the password.</summary>
public sealed record PupilLoginRequest(string TwinSpaceCode, string Username, string Password);

/// <summary>Exchanges (and spends) a refresh token; also the body of logout.</summary>
public sealed record RefreshRequest(string RefreshToken);

/// <summary>Who an account is, as far as other people may see.</summary>
public sealed record AccountView(string Id, AccountKind Kind, string DisplayName, string? Country, string? TwinSpaceId);

/// <summary>The result of every login and refresh.</summary>
public sealed record TokenPair(string AccessToken, string RefreshToken, int ExpiresInSeconds, AccountView Account);

/// <summary>The JSON body of every HTTP error.</summary>
public sealed record ErrorBody(string Code, string Message);
