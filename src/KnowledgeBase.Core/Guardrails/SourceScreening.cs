using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Guardrails.Injection;
using KnowledgeBase.Core.Retrieval;

namespace KnowledgeBase.Core.Guardrails;

/// <summary>
/// The sources after the injection check: the ones to number and answer from (a flagged one dropped, or kept and
/// marked in <see cref="Quoted"/> to be passed as a quotation), the planted instructions found (the answer is checked
/// against them) and what was done, as events.
/// </summary>
public sealed record SourceScreening(
    IReadOnlyList<RetrievedChunk> Sources,
    IReadOnlySet<long> Quoted,
    IReadOnlyList<PlantedInstruction> Planted,
    IReadOnlyList<string> PlantedTexts,
    IReadOnlyList<GuardrailEvent> Events)
{
    public static SourceScreening Unchecked(IReadOnlyList<RetrievedChunk> sources) => new(sources, new HashSet<long>(), [], [], []);

    /// <summary>Source texts not flagged: what links and payloads in the answer are compared with.</summary>
    public IEnumerable<string> TrustedTexts => Sources.Where(s => !Quoted.Contains(s.ChunkId)).Select(s => s.Text);
}
