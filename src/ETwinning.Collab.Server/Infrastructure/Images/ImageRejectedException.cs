namespace ETwinning.Collab.Server.Infrastructure.Images;

/// <summary>
/// The input is not an image the pipeline accepts (unreadable, truncated, too many pixels). The message is English;
/// <see cref="MessageKey"/> and <see cref="MessageArguments"/> name it in the server's message catalogue.
/// </summary>
public sealed class ImageRejectedException : Exception
{
    private const string UnreadableKey = "Image_Unreadable";

    public ImageRejectedException(ImageRejection reason, string message, string messageKey, params object?[] messageArguments) : base(message)
    {
        Reason = reason;
        MessageKey = messageKey;
        MessageArguments = messageArguments;
    }

    public ImageRejectedException(ImageRejection reason, Exception inner, string message, string messageKey) : base(message, inner)
    {
        Reason = reason;
        MessageKey = messageKey;
    }

    public ImageRejectedException() : this(ImageRejection.Unreadable, "The image cannot be read.", UnreadableKey) { }

    public ImageRejectedException(string message) : this(ImageRejection.Unreadable, message, UnreadableKey) { }

    public ImageRejectedException(string message, Exception inner) : this(ImageRejection.Unreadable, inner, message, UnreadableKey) { }

    public ImageRejection Reason { get; }

    public string MessageKey { get; }

    public IReadOnlyList<object?> MessageArguments { get; } = [];
}
