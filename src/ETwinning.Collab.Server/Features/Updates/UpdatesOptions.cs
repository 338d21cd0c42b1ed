using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Features.Updates;

/// <summary>Limits of the Teacher bulletin and the Project journal.</summary>
public sealed class UpdatesOptions
{
    public const string Section = "Updates";

    [Range(1, 500)] public int MaxTitleLength { get; set; } = 150;

    [Range(1, 100_000)] public int MaxTextLength { get; set; } = 4_000;

    /// <summary>Entries per page when the client asks for none.</summary>
    [Range(1, 500)] public int DefaultPageSize { get; set; } = 20;

    /// <summary>The most entries one page may hold.</summary>
    [Range(1, 500)] public int MaxPageSize { get; set; } = 50;

    [Range(1, 128)] public int MaxClientIdLength { get; set; } = 64;
}
