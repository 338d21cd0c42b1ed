namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>Where a live page is in its life; <see cref="LivePage"/> holds the rules of every transition.</summary>
internal enum LivePageState
{
    /// <summary>Its stored state is being read (outside the page's gate); joiners wait, other nodes' updates queue.</summary>
    Loading,
    /// <summary>In memory and current: updates apply, connections join and leave.</summary>
    Live,
    /// <summary>Live, while its log is being folded into a snapshot: updates still apply, but it is not unloaded.</summary>
    Compacting,
    /// <summary>Dropped from memory (idle, or its load failed); whoever still holds it fetches the page anew.</summary>
    Unloaded,
}
