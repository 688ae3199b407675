namespace KnowledgeBase.Cli.Evaluation;

/// <summary>Everything measured for one question (one line of the per-question file).</summary>
internal sealed record QaResult
{
    public required string Question { get; init; }
    public required string Truth { get; init; }
    public required bool Answerable { get; init; }
    public required IReadOnlyList<string> Expected { get; init; }

    /// <summary>The sources shown, "file#page=first-last@open" (open: the page a reader is sent to).</summary>
    public required IReadOnlyList<string> Retrieved { get; init; }
    public required bool PageHitAt5 { get; init; }
    public required bool PageExactAt5 { get; init; }
    public int? HitRank { get; init; }

    /// <summary>The retriever's ranking as deep as the candidate pool (diagnostics for misses).</summary>
    public IReadOnlyList<string> Ranked { get; init; } = [];
    public required int PagesAt5 { get; init; }
    public required double ContextPrecision { get; init; }
    public required double ContextRecall { get; init; }

    public required string Answer { get; init; }
    public required bool Refusal { get; init; }

    /// <summary>The extractive answerer's best-sentence support for the question (what the refusal threshold is compared with).</summary>
    public required double Support { get; init; }
    public required IReadOnlyList<string> Cited { get; init; }
    public double? CitationAccuracy { get; init; }
    public required double TokenF1 { get; init; }

    /// <summary>Share of answer sentences supported by the sources they cite (null for a refusal).</summary>
    public double? Faithfulness { get; init; }
    public IReadOnlyList<ClaimResult> Claims { get; init; } = [];

    /// <summary>The groundedness guardrail's flags on the answer (rule per flagged sentence: <c>groundedness</c>, <c>citation.unsupported</c>).</summary>
    public IReadOnlyList<string> GroundingFlags { get; init; } = [];

    /// <summary>The answer's time in AskService (done event), ms.</summary>
    public long? AnswerMs { get; init; }

    /// <summary>Cosine similarity of the question's and the answer's embeddings (null for a refusal).</summary>
    public double? AnswerRelevancy { get; init; }

    /// <summary>LLM-judged scores (0–1) when a judge model is configured.</summary>
    public double? JudgedFaithfulness { get; init; }
    public double? JudgedCorrectness { get; init; }
}

internal sealed record ClaimResult(string Text, IReadOnlyList<int> Sources, double Score, bool Supported, IReadOnlyList<string> MissingNumbers);
