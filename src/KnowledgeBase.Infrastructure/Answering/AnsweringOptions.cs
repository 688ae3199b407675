using System.ComponentModel.DataAnnotations;
using KnowledgeBase.Core.Answering;

namespace KnowledgeBase.Infrastructure.Answering;

public sealed class AnsweringOptions
{
    public const string Section = "Answering";

    /// <summary>How many chunks are retrieved and numbered as sources.</summary>
    [Range(1, 50)]
    public int TopK { get; set; } = 5;

    /// <summary>
    /// Support (0–1, word coverage blended with embedding similarity, plus the answer-type cue) the best
    /// sentence needs before the extractive answerer answers; below it, it says it found nothing. Calibrated
    /// on the dev sets in docs/eval (see docs/benchmarks.md).
    /// </summary>
    [Range(0.0, 1.5)]
    public double ExtractiveMinSupport { get; set; } = ExtractiveOptions.Default.MinSupport;

    /// <summary>
    /// How many passages the retriever returns for re-ranking by their best sentence before the top
    /// <see cref="TopK"/> are kept (equal to TopK or 0: retrieval order, no re-ranking).
    /// </summary>
    [Range(0, 50)]
    public int RerankDepth { get; set; } = 10;

    /// <summary>Weight of the best sentence's answer score against the retrieval rank when re-ranking (see SourceRank).</summary>
    [Range(0.0, 10.0)]
    public double RerankWeight { get; set; } = 1.0;

    /// <summary>Narrow each source of a paged document to the page(s) of its best sentence.</summary>
    public bool FocusOnPage { get; set; } = true;

    /// <summary>The page before (after) is kept too when the best sentence is within this share of its page's start (end).</summary>
    [Range(0.0, 1.0)]
    public double FocusMargin { get; set; } = 0.12;

    /// <summary>
    /// The next or previous page is kept too when its best sentence scores at least this share of the source's
    /// best (1: never; the answer often starts on one page and goes on over the page break).
    /// </summary>
    [Range(0.0, 1.0)]
    public double FocusNeighbourRatio { get; set; } = 0.8;

    /// <summary>How many sources (best first) may keep a second page; the rest show one page each.</summary>
    [Range(0, 50)]
    public int FocusWidened { get; set; } = 1;

    public ExtractiveOptions Extractive => ExtractiveOptions.Default with { MinSupport = ExtractiveMinSupport };
}
