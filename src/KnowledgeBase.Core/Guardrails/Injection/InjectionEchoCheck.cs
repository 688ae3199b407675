using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Core.Guardrails.Injection;

/// <summary>
/// A sign that a planted instruction worked: an answer sentence that repeats it (most of its content words,
/// at least four) — the model announcing or paraphrasing what the document told it to do.
/// </summary>
public sealed class InjectionEchoCheck(IReadOnlyList<PlantedInstruction> planted) : ISentenceCheck
{
    public const double MinOverlap = 0.6;
    public const int MinSharedTerms = 4;

    private readonly IReadOnlyList<HashSet<string>> instructions = [.. planted.Select(p => TermAnalyzer.Terms(p.Sentence).ToHashSet(StringComparer.Ordinal))];

    public IReadOnlyList<string> Rules { get; } = [GuardRules.InjectionEcho];

    public void Check(string sentence, List<(string Rule, string Kind)> findings)
    {
        if (instructions.Count == 0)
        {
            return;
        }

        var terms = TermAnalyzer.Terms(sentence).ToHashSet(StringComparer.Ordinal);
        foreach (var instruction in instructions)
        {
            var shared = instruction.Count(terms.Contains);
            if (shared >= MinSharedTerms && shared >= MinOverlap * instruction.Count)
            {
                findings.Add((GuardRules.InjectionEcho, "instruction from a document"));
                return;
            }
        }
    }
}
