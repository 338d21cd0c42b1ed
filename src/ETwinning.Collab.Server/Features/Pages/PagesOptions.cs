using System.ComponentModel.DataAnnotations;

namespace ETwinning.Collab.Server.Features.Pages;

public sealed class PagesOptions
{
    public const string Section = "Pages";

    [Range(1, 500)] public int MaxTitleLength { get; set; } = 120;

    [Range(0, 20_000)] public int MaxDescriptionLength { get; set; } = 2_000;

    [Range(1, 10_000)] public int MaxPagesPerTwinSpace { get; set; } = 500;

    [Range(1, 500)] public int MaxEditorsPerPage { get; set; } = 100;

    /// <summary>Largest Yjs update a client may send (must fit in <c>Realtime:MaximumReceiveMessageBytes</c> with
    /// its envelope; base64 in JSON adds a third).</summary>
    [Range(64, 8 * 1024 * 1024)] public int MaxUpdateBytes { get; set; } = 32 * 1024;

    /// <summary>
    /// Largest encoded document a page may hold. An update that would make it larger is refused with
    /// <c>too_large</c> and changes nothing (deleting content and the next compaction make room again). Without
    /// it one editor could grow a page by megabytes a minute, and every join would carry them.
    /// </summary>
    [Range(64 * 1024, 1024 * 1024 * 1024)] public int MaxDocumentBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>
    /// Most conflict-resolution steps (concurrently inserted items walked, see <c>YUpdateLimits</c>) one update may
    /// cost; above it the update is refused with <c>too_large</c> before anything is stored. Normal editing costs
    /// 0 to a few dozen; crafted updates with thousands of items at one position would otherwise freeze the page.
    /// </summary>
    [Range(1_000, 1_000_000_000)] public long MaxConflictStepsPerUpdate { get; set; } = 20_000;

    /// <summary>Largest awareness update a client may send.</summary>
    [Range(64, 1024 * 1024)] public int MaxAwarenessBytes { get; set; } = 4 * 1024;

    /// <summary>Awareness updates per second and connection (cursor moves); bursts of twice this are allowed.</summary>
    [Range(1, 1_000)] public int AwarenessUpdatesPerSecond { get; set; } = 20;

    /// <summary>The log is compacted into the snapshot when it holds this many updates...</summary>
    [Range(2, 1_000_000)] public int CompactAfterUpdates { get; set; } = 500;

    /// <summary>...or this many bytes.</summary>
    [Range(1_024, 1_024 * 1024 * 1024)] public int CompactAfterBytes { get; set; } = 1024 * 1024;

    /// <summary>A loaded page nobody has joined for this long is dropped from memory (its stored state is complete).</summary>
    [Range(1, 86_400)] public int IdleUnloadSeconds { get; set; } = 60;

    /// <summary>An automatic version is saved when a page had edits and then this long without any.</summary>
    [Range(1, 86_400)] public int AutoVersionQuietSeconds { get; set; } = 120;

    /// <summary>Automatic versions kept per page (oldest dropped first); named versions are always kept.</summary>
    [Range(1, 10_000)] public int MaxAutomaticVersionsPerPage { get; set; } = 50;

    /// <summary>How often the background loop looks for idle pages and quiet pages to version.</summary>
    [Range(1, 3_600)] public int HousekeepingPeriodSeconds { get; set; } = 5;
}
