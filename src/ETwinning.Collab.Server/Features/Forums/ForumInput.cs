using System.Text;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.RichText;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Forums;

/// <summary>Checks what members send to the forum, so every method refuses the same mistake with the same code.</summary>
public sealed class ForumInput(IOptions<ForumOptions> options)
{
    private readonly ForumOptions _options = options.Value;

    public ForumOptions Options => _options;

    /// <summary>The Markdown of a post: required, within both size limits (<c>too_large</c> otherwise), disguising characters removed.</summary>
    public string Body(string? body)
    {
        if (body is not null && body.Length > _options.MaxPostCharacters)
            throw CollabException.TooLarge($"A post can have at most {_options.MaxPostCharacters} characters.").WithKey("Forum_PostTooLong", _options.MaxPostCharacters);
        if (body is not null && Encoding.UTF8.GetByteCount(body) > _options.MaxPostBytes)
            throw CollabException.TooLarge($"A post can have at most {_options.MaxPostBytes} bytes.").WithKey("Forum_PostTooManyBytes", _options.MaxPostBytes);
        var cleaned = RichTextRenderer.Normalize(body ?? "").Trim();
        return cleaned.Length > 0 ? cleaned : throw CollabException.Invalid("Write something first.").WithKey("Forum_Empty");
    }

    public string Title(string? title) => Require.Text(title, "Title", 1, _options.MaxTitleLength);

    public string Description(string? description)
    {
        if (description is not null && description.Length > _options.MaxDescriptionCharacters)
            throw CollabException.TooLarge($"A description can have at most {_options.MaxDescriptionCharacters} characters.").WithKey("Forum_DescriptionTooLong", _options.MaxDescriptionCharacters);
        return RichTextRenderer.Normalize(description ?? "").Trim();
    }

    /// <summary>
    /// Attachments are Material ids. Materials live in their own feature; here only the id format is checked
    /// (server-generated ids: ASCII letters and digits), so a post cannot smuggle a path or a URL.
    /// </summary>
    public List<string> Attachments(IReadOnlyList<string>? attachmentIds)
    {
        if (attachmentIds is null) return [];
        var ids = attachmentIds.Select(id => Require.Id(id, "attachmentId")).Distinct(StringComparer.Ordinal).ToList();
        return ids.Count <= _options.MaxAttachmentsPerPost
            ? ids : throw CollabException.Invalid($"A post can have at most {_options.MaxAttachmentsPerPost} attachments.").WithKey("Forum_MaxAttachments", _options.MaxAttachmentsPerPost);
    }

    public (int Offset, int Limit) ThreadPage(int? offset, int? limit) =>
        (Math.Max(0, offset ?? 0), Math.Clamp(limit ?? _options.DefaultThreadPageSize, 1, _options.MaxThreadPageSize));

    public int PostLimit(int? limit) => Math.Clamp(limit ?? _options.DefaultPostPageSize, 1, _options.MaxPostPageSize);
}
