using System.Diagnostics;
using KnowledgeBase.Core.Guardrails;
using KnowledgeBase.Infrastructure.Telemetry;

namespace KnowledgeBase.Infrastructure.Guardrails;

/// <summary>
/// One answer's stream guard, measured: the time spent in the rules is summed over every piece and recorded once,
/// with the actions taken, when the answer ends (<see cref="Finish"/>), under a <c>guardrail output</c> span that
/// covers the answer's streaming.
/// </summary>
public sealed class AnswerGuard(StreamGuard guard, TimeProvider time, ActivityContext parent)
{
    private readonly DateTimeOffset started = time.GetUtcNow();
    private long ruleTicks;
    private int actions;
    private bool finished;

    public GuardAction Strongest => guard.Strongest;

    public bool Blocked => guard.Blocked;

    /// <summary>Everything released so far.</summary>
    public string Text => guard.Text;

    /// <summary>The verdict for the done event: none, flagged, redacted or blocked.</summary>
    public string Verdict => GuardrailVerdict.Of(guard.Strongest);

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
