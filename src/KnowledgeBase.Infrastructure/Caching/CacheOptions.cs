using System.ComponentModel.DataAnnotations;
using KnowledgeBase.Core.Caching;

namespace KnowledgeBase.Infrastructure.Caching;

public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>The header an admin sends (any value) to skip the cache for one ask, for debugging.</summary>
    public const string BypassHeader = "X-KB-Cache-Bypass";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Cosine similarity a cached question needs before the near-miss gate looks at it. Chosen with
    /// <c>kb eval cache</c> on the dev split (false hits ≤ 1 %); see docs/benchmarks.md.
    /// </summary>
    [Range(0.5, 1.0)]
    public double Threshold { get; set; } = 0.72;

    /// <summary>How long an answer may be served; each entry gets ±<see cref="TtlJitter"/> of it so entries do not expire together.</summary>
    [Range(0.01, 24 * 365)]
    public double TtlHours { get; set; } = 24;

    [Range(0, 0.5)]
    public double TtlJitter { get; set; } = 0.1;

    /// <summary>Entries kept; the least recently used beyond this are evicted.</summary>
    [Range(1, 100_000_000)]
    public int MaxEntries { get; set; } = 200_000;

    /// <summary>Nearest cached questions checked by the gate per lookup.</summary>
    [Range(1, 50)]
    public int Candidates { get; set; } = 4;

    public GateOptions Gate { get; set; } = new();

    public sealed class GateOptions
    {
        public bool Negations { get; set; } = true;

        public bool Numbers { get; set; } = true;

        public bool Names { get; set; } = true;

        public bool ContentWords { get; set; } = true;

        public bool QuestionWords { get; set; } = true;

        public NearMissGate ToGate() => new(Negations, Numbers, Names, ContentWords, QuestionWords);
    }
}
