using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ETwinning.Collab.Server.Infrastructure.RichText;

public static class RichTextExtensions
{
    /// <summary>The shared Markdown-to-safe-HTML engine (forums today; pages and chat may reuse it).</summary>
    public static IHostApplicationBuilder AddRichText(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<RichTextRenderer>();
        return builder;
    }
}
