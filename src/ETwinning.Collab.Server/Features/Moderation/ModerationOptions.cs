using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Features.Moderation;

public sealed class ModerationOptions
{
    public const string Section = "Moderation";

    /// <summary>Entries per TwinSpace word list.</summary>
    [Range(0, 10_000)] public int MaxWordsPerList { get; set; } = 500;

    [Range(1, 200)] public int MaxWordLength { get; set; } = 64;

    /// <summary>Length of a report's or a hide's reason.</summary>
    [Range(1, 2_000)] public int MaxReasonLength { get; set; } = 500;

    /// <summary>How much of the content a review item keeps for the moderator's list.</summary>
    [Range(20, 4_000)] public int ExcerptLength { get; set; } = 280;

    /// <summary>Longest mute a moderator can give in one go (default a week).</summary>
    [Range(1, 525_600)] public int MaxMuteMinutes { get; set; } = 10_080;

    /// <summary>
    /// How long a node keeps a TwinSpace's word list in memory. Another node's change is seen after at most
    /// this long; the node that made the change sees it at once.
    /// </summary>
    [Range(0, 3_600)] public int WordListCacheSeconds { get; set; } = 5;

    [Range(1, 1_000)] public int MaxReviewItemsPerPage { get; set; } = 100;
}
