using System.Diagnostics;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Guardrails;
using KnowledgeBase.Infrastructure.Telemetry;

namespace KnowledgeBase.Infrastructure.Guardrails;

/// <summary>
/// One answer's stream guard, measured: the time spent in the rules is summed over every piece and recorded once,
/// with the actions taken, when the answer ends (<see cref="Finish"/>), under a <c>guardrail output</c> span that
/// covers the answer's streaming. The groundedness rules judge the finished answer (<see cref="GroundAsync"/>).
/// </summary>
public sealed class AnswerGuard(StreamGuard guard, TimeProvider time, ActivityContext parent, GuardPolicy policy, GroundednessCheck? grounding = null)
{
    private readonly DateTimeOffset started = time.GetUtcNow();
    private long ruleTicks;
    private int actions;
    private bool finished;
    private GuardAction groundedAction;

    public GuardAction Strongest => guard.Strongest > groundedAction ? guard.Strongest : groundedAction;

    public bool Blocked => guard.Blocked;

    /// <summary>Everything released so far.</summary>
    public string Text => guard.Text;

    /// <summary>The verdict for the done event: none, flagged, redacted or blocked.</summary>
    public string Verdict => GuardrailVerdict.Of(Strongest);

    public GuardStep Push(string piece)
    {
        var start = time.GetTimestamp();
        return Measure(guard.Push(piece), start);
    }

    public GuardStep Flush()
    {
        var start = time.GetTimestamp();
        return Measure(guard.Flush(), start);
    }

    /// <summary>
    /// The groundedness rules on the complete answer as shown: a flag, with the sentence's place in
    /// <paramref name="shown"/>, for each sentence its sources do not support (<c>groundedness</c>) or a cited source does
    /// not hold (<c>citation.unsupported</c>). Timed as check <c>grounding</c> (it may call the embedding model).
    /// </summary>
    /// <param name="sources">The numbered sources' texts (source n at index n - 1).</param>
    public async Task<IReadOnlyList<GuardrailEvent>> GroundAsync(string shown, IReadOnlyList<string> sources, CancellationToken cancellationToken)
    {
        if (grounding is null || guard.Blocked || sources.Count == 0
            || (policy.ActionFor(GuardRules.Groundedness) == GuardAction.Off && policy.ActionFor(GuardRules.CitationSupport) == GuardAction.Off))
        {
            return [];
        }

        var start = time.GetTimestamp();
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("guardrail grounding", ActivityKind.Internal, parent);
        activity?.SetTag("langfuse.observation.type", GuardrailService.ObservationType);
        var findings = await grounding.FindAsync(shown, sources, cancellationToken);
        var events = findings
            .Where(f => policy.ActionFor(f.Rule) != GuardAction.Off)
            .Select(f => new GuardrailEvent(f.Rule, GuardAction.Flag.Name(), f.Kind, GuardMessages.For(f.Rule, GuardAction.Flag, f.Kind), GuardrailEvent.AnswerTarget, f.Range.Start, f.Range.Length))
            .ToList();
        if (events.Count > 0)
        {
            groundedAction = GuardAction.Flag;
        }

        actions += events.Count;
        GuardrailMetrics.Count(events);
        GuardrailMetrics.Duration.Record(time.GetElapsedTime(start).TotalSeconds, new KeyValuePair<string, object?>("kb.guardrail.check", "grounding"));
        activity?.SetTag("kb.guardrail.actions", events.Count);
        activity?.SetTag("kb.guardrail.sentences_flagged", findings.Count);
        return events;
    }

    public void Finish()
    {
        if (finished)
        {
            return;
        }

        finished = true;
        var seconds = (double)ruleTicks / time.TimestampFrequency;
        GuardrailMetrics.Duration.Record(seconds, new KeyValuePair<string, object?>("kb.guardrail.check", "output"));
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("guardrail output", ActivityKind.Internal, parent, startTime: started);
        activity?.SetTag("langfuse.observation.type", GuardrailService.ObservationType);
        activity?.SetTag("kb.guardrail.actions", actions);
        activity?.SetTag("kb.guardrail.verdict", Verdict);
        activity?.SetTag("kb.guardrail.rule_time_ms", Math.Round(seconds * 1000, 3));
    }

    private GuardStep Measure(GuardStep step, long start)
    {
        ruleTicks += time.GetTimestamp() - start;
        actions += step.Events.Count;
        GuardrailMetrics.Count(step.Events);
        return step;
    }
}
