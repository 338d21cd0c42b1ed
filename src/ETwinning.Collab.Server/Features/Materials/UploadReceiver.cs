using System.Buffers;
using System.Security.Cryptography;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Blobs;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Materials;

/// <summary>
/// Streams a request body to a temporary file while hashing (SHA-256) and counting it; never holds the file in
/// memory. The type is decided from the first bytes, and the limit for that type applies from then on: the
/// upload is refused the moment it passes it, not after it has all arrived. Whatever fails, the temporary file
/// is deleted.
/// </summary>
public sealed class UploadReceiver(IBlobStore blobs, IOptions<MaterialsOptions> options)
{
    private const int BufferBytes = 128 * 1024;
    private readonly MaterialsOptions _options = options.Value;

    public async Task<ReceivedUpload> ReceiveAsync(
        Stream body, long? declaredLength, Func<DetectedType, UploadLimit> limitFor, CancellationToken cancellationToken)
    {
        if (declaredLength > _options.MaxUploadBytes)
            throw CollabException.TooLarge($"Uploads can have at most {Megabytes(_options.MaxUploadBytes)}.").WithKey("Upload_TooLarge", Megabytes(_options.MaxUploadBytes));
        var tempPath = blobs.NewTempPath();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size;
            DetectedType type;
            await using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                var headLength = await ReadAtLeastAsync(body, buffer.AsMemory(0, ContentSniffer.HeadBytes), cancellationToken);
                var sniffed = ContentSniffer.Sniff(buffer.AsSpan(0, headLength));
                type = sniffed.Type ?? throw CollabException.Invalid(sniffed.Refusal!).WithKey(sniffed.RefusalKey!);
                var limit = limitFor(type);
                if (declaredLength > limit.MaxBytes) throw CollabException.TooLarge(limit.Refusal).WithKey(limit.RefusalKey, [.. limit.RefusalArguments]);
                var text = type.Check == ContentCheck.Text ? new TextValidator() : null;

                size = 0;
                var chunk = headLength;
                while (chunk > 0)
                {
                    size += chunk;
                    if (size > limit.MaxBytes) throw CollabException.TooLarge(limit.Refusal).WithKey(limit.RefusalKey, [.. limit.RefusalArguments]);
                    if (text is not null && !text.TryAppend(buffer.AsSpan(0, chunk), final: false))
                        throw CollabException.Invalid("The file is not plain text.").WithKey("Upload_NotText");
                    hash.AppendData(buffer, 0, chunk);
                    await file.WriteAsync(buffer.AsMemory(0, chunk), cancellationToken);
                    chunk = await body.ReadAsync(buffer.AsMemory(0, BufferBytes), cancellationToken);
                }
                if (text is not null && !text.TryAppend([], final: true)) throw CollabException.Invalid("The file is not plain text.").WithKey("Upload_NotText");
            }
            type = VerifyWhole(tempPath, type);
            return new ReceivedUpload(tempPath, Convert.ToHexStringLower(hash.GetHashAndReset()), size, type);
        }
        catch
        {
            File.Delete(tempPath);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The default limits: by kind, and never more than what is left of the TwinSpace's quota.</summary>
    public UploadLimit LimitFor(MaterialKind kind, long quotaLeftBytes)
    {
        var kindLimit = kind switch
        {
            MaterialKind.Image => _options.MaxImageBytes,
            MaterialKind.Video => _options.MaxVideoBytes,
            _ => _options.MaxFileBytes,
        };
        if (quotaLeftBytes < kindLimit)
        {
            var left = Megabytes(Math.Max(0, quotaLeftBytes));
            return new UploadLimit(Math.Max(0, quotaLeftBytes), $"The TwinSpace's storage quota is full: {left} left.", "Upload_QuotaLeft", [left]);
        }
        var most = Megabytes(kindLimit);
        return kind switch
        {
            MaterialKind.Image => new UploadLimit(kindLimit, $"Images can have at most {most}.", "Upload_ImagesMax", [most]),
            MaterialKind.Video => new UploadLimit(kindLimit, $"Videos can have at most {most}.", "Upload_VideosMax", [most]),
            _ => new UploadLimit(kindLimit, $"Files can have at most {most}.", "Upload_FilesMax", [most]),
        };
    }

    private DetectedType VerifyWhole(string path, DetectedType type)
    {
        if (type.Check == ContentCheck.ZipContainer)
            return ZipContainerInspector.Inspect(path, new ZipLimits(_options.MaxZipEntries, _options.MaxZipUncompressedBytes, _options.MaxZipCompressionRatio));
        if (PolyglotCheck.EndsWithZip(path))
            throw CollabException.Invalid("The file hides a second file (a zip archive) inside; it is not accepted.").WithKey("Upload_Polyglot");
        return type;
    }

    private static async Task<int> ReadAtLeastAsync(Stream body, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await body.ReadAsync(buffer[read..], cancellationToken);
            if (n == 0) break;
            read += n;
        }
        return read;
    }

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.#} MB";
}
