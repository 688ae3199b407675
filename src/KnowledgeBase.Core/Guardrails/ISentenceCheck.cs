namespace KnowledgeBase.Core.Guardrails;

/// <summary>A rule that judges whole sentences (groundedness, citation support, an echoed instruction): it acts when a sentence ends.</summary>
public interface ISentenceCheck
{
    IReadOnlyList<string> Rules { get; }

    /// <summary>Adds what is wrong with <paramref name="sentence"/> (rule and reader-facing kind); nothing when it is fine.</summary>
    void Check(string sentence, List<(string Rule, string Kind)> findings);
}
