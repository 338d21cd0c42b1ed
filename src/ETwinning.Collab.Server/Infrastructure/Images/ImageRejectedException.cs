namespace ETwinning.Collab.Server.Infrastructure.Images;

/// <summary>The input is not an image the pipeline accepts (unreadable, truncated, too many pixels).</summary>
public sealed class ImageRejectedException : Exception
{
    public ImageRejectedException(ImageRejection reason, string message) : base(message) => Reason = reason;

    public ImageRejectedException(ImageRejection reason, string message, Exception inner) : base(message, inner) => Reason = reason;

    public ImageRejectedException() : this(ImageRejection.Unreadable, "The image cannot be read.") { }

    public ImageRejectedException(string message) : this(ImageRejection.Unreadable, message) { }

    public ImageRejectedException(string message, Exception inner) : this(ImageRejection.Unreadable, message, inner) { }

    public ImageRejection Reason { get; }
}
