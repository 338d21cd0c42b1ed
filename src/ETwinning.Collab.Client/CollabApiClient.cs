using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Client;

/// <summary>The HTTP half of the protocol: registration, logins, token refresh.</summary>
public sealed class CollabApiClient(HttpClient http)
{
    /// <summary>JSON settings matching the server: camelCase, enums as camelCase strings.</summary>
    public static readonly JsonSerializerOptions Json = CreateJsonOptions();

    /// <summary>Registers a teacher account.</summary>
    public Task<AccountView> RegisterTeacherAsync(RegisterTeacherRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<AccountView>("/api/auth/teachers", request, cancellationToken);

    /// <summary>Teacher login.</summary>
    public Task<TokenPair> LoginAsync(LoginRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<TokenPair>("/api/auth/login", request, cancellationToken);

    /// <summary>Pupil login with TwinSpace code, username and password.</summary>
    public Task<TokenPair> PupilLoginAsync(PupilLoginRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<TokenPair>("/api/auth/pupil-login", request, cancellationToken);

    /// <summary>Spends a refresh token for a new pair.</summary>
    public Task<TokenPair> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default) =>
        PostAsync<TokenPair>("/api/auth/refresh", new RefreshRequest(refreshToken), cancellationToken);

    private async Task<T> PostAsync<T>(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(path, body, Json, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var error = await response.Content.ReadFromJsonAsync<ErrorBody>(Json, cancellationToken).ConfigureAwait(false);
            throw new CollabHubException(error?.Code ?? "internal", error?.Message ?? response.ReasonPhrase ?? "Request failed.");
        }
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false))!;
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
