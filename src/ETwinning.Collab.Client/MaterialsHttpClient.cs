using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Client;

/// <summary>
/// The HTTP half of materials: streamed uploads with progress, downloads, avatars and the TwinSpace export.
/// Every call takes the caller's access token (it is sent as a bearer header, never in a URL).
/// </summary>
public sealed class MaterialsHttpClient(HttpClient http)
{
    /// <summary>
    /// Uploads <paramref name="content"/> as a material. Returns the material: status <c>ready</c> for files and
    /// videos, <c>processing</c> for images (wait for <c>MaterialReady</c> or <c>MaterialFailed</c>).
    /// </summary>
    public async Task<MaterialView> UploadAsync(
        string accessToken, string twinSpaceId, Stream content, string fileName, string? collectionId = null, string? title = null,
        string? description = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var query = $"name={Uri.EscapeDataString(fileName)}"
            + (collectionId is null ? "" : $"&collectionId={Uri.EscapeDataString(collectionId)}")
            + (title is null ? "" : $"&title={Uri.EscapeDataString(title)}")
            + (description is null ? "" : $"&description={Uri.EscapeDataString(description)}");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/twinspaces/{twinSpaceId}/materials?{query}")
        {
            Content = new ProgressContent(content, progress),
        };
        return await SendAsync<MaterialView>(request, accessToken, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads the caller's avatar (cropped square by the server).</summary>
    public async Task<AvatarView> UploadAvatarAsync(string accessToken, string twinSpaceId, Stream content, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/twinspaces/{twinSpaceId}/avatar") { Content = new ProgressContent(content, null) };
        return await SendAsync<AvatarView>(request, accessToken, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Downloads a variant with the access token; the caller disposes the response.</summary>
    public Task<HttpResponseMessage> DownloadAsync(
        string accessToken, string twinSpaceId, string materialId, MaterialVariant variant = MaterialVariant.Original, CancellationToken cancellationToken = default) =>
        GetAsync($"/api/twinspaces/{twinSpaceId}/materials/{materialId}/{variant.ToString().ToLowerInvariant()}", accessToken, cancellationToken);

    /// <summary>Downloads a signed URL from a <see cref="MaterialView"/> (no token needed).</summary>
    public Task<HttpResponseMessage> DownloadSignedAsync(string signedUrl, CancellationToken cancellationToken = default) =>
        GetAsync(signedUrl, null, cancellationToken);

    /// <summary>Streams the TwinSpace export (a zip); the caller disposes the response.</summary>
    public Task<HttpResponseMessage> ExportAsync(string accessToken, string twinSpaceId, CancellationToken cancellationToken = default) =>
        GetAsync($"/api/twinspaces/{twinSpaceId}/export", accessToken, cancellationToken);

    private async Task<HttpResponseMessage> GetAsync(string url, string? accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accessToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotModified) return response;
        using (response) throw await ErrorOf(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request, string accessToken, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw await ErrorOf(response, cancellationToken).ConfigureAwait(false);
        return (await response.Content.ReadFromJsonAsync<T>(CollabApiClient.Json, cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task<CollabHubException> ErrorOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync<ErrorBody>(CollabApiClient.Json, cancellationToken).ConfigureAwait(false);
            return new CollabHubException(error?.Code ?? "internal", error?.Message ?? response.ReasonPhrase ?? "Request failed.");
        }
        catch (System.Text.Json.JsonException)
        {
            return new CollabHubException("internal", response.ReasonPhrase ?? "Request failed.");
        }
    }

    /// <summary>Streams the content and reports how many bytes went out.</summary>
    private sealed class ProgressContent : HttpContent
    {
        private readonly Stream _source;
        private readonly IProgress<long>? _progress;

        public ProgressContent(Stream source, IProgress<long>? progress)
        {
            _source = source;
            _progress = progress;
            // The server decides the type from the content; this only says "raw bytes".
            Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var buffer = new byte[81_920];
            long sent = 0;
            int read;
            while ((read = await _source.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
                sent += read;
                _progress?.Report(sent);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            if (_source.CanSeek)
            {
                length = _source.Length - _source.Position;
                return true;
            }
            length = 0;
            return false;
        }
    }
}
