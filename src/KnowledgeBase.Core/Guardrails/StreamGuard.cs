using System.Text;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Core.Guardrails;

/// <summary>
/// Guards one answer as it streams. Text goes in piece by piece; what comes out is safe to show: a piece is held
/// back only as far as some rule says its end might still grow into a match (a card number being written, an
/// <c>AK…</c> that may become an AWS key, an open key block, an e-mail address in progress), so a value split across
/// model chunks is caught while prose flows on. A redacted span is replaced by its marker, a block stops the answer
/// before the match (the caller then cancels the model), a flag passes the text and reports it. Sentence rules act
/// when their sentence ends; when one of them may redact or block, each sentence is held until it is judged.
/// </summary>
public sealed class StreamGuard
{
    /// <summary>Released text kept as context for the rules (words before a number, <c>password =</c> before a value).</summary>
    public const int ContextLength = 96;

    /// <summary>More held text than this is judged as it stands (a pathological token or an endless key block).</summary>
    public const int MaxHold = 4096;

    private readonly GuardPolicy policy;
    private readonly IReadOnlyList<IDetector> detectors;
    private readonly IReadOnlyList<ISentenceCheck> sentenceChecks;
    private readonly bool holdSentences;
    private readonly bool redactBlocks;
    private readonly StringBuilder answer = new();
    private readonly List<Detection> found = [];
    private readonly List<(string Rule, string Kind)> sentenceFindings = [];
    private string pending = string.Empty;
    private int checkedUpTo;

    /// <param name="redactBlocks">Redact what a block rule matches instead of stopping (for text that is stored or exported, not streamed).</param>
    public StreamGuard(GuardPolicy policy, IReadOnlyList<IDetector> detectors, IReadOnlyList<ISentenceCheck> sentenceChecks, bool redactBlocks = false)
    {
        this.policy = policy;
        this.detectors = detectors;
        this.sentenceChecks = sentenceChecks;
        this.redactBlocks = redactBlocks;
        holdSentences = sentenceChecks.SelectMany(c => c.Rules).Any(r => policy.ActionFor(r) is GuardAction.Redact or GuardAction.Block);
    }

    /// <summary>The strongest action taken so far.</summary>
    public GuardAction Strongest { get; private set; }

    public bool Blocked { get; private set; }

    /// <summary>Everything released so far: what the reader has.</summary>
    public string Text => answer.ToString();

    /// <summary>Takes the next piece; returns what can be shown now.</summary>
    public GuardStep Push(string piece)
    {
        if (Blocked || piece.Length == 0)
        {
            return GuardStep.Empty;
        }

        pending = pending.Length == 0 ? piece : pending + piece;
        return Advance(final: false);
    }

    /// <summary>Nothing more follows what was pushed (the end of the answer, or of one model's part of it): judges and releases the rest.</summary>
    public GuardStep Flush() => Blocked || (pending.Length == 0 && checkedUpTo >= answer.Length) ? GuardStep.Empty : Advance(final: true);

    private GuardStep Advance(bool final)
    {
        var tailStart = Math.Max(0, answer.Length - ContextLength);
        var window = answer.ToString(tailStart, answer.Length - tailStart) + pending;
        var from = answer.Length - tailStart;
        var forced = final || pending.Length > MaxHold;
        var hold = forced ? window.Length : HoldFrom(window, from);
        List<Range>? heldSentences = null;
        if (holdSentences)
        {
            (hold, heldSentences) = HoldSentences(window, from, hold, forced);
        }

        found.Clear();
        foreach (var detector in detectors)
        {
            detector.Detect(window, from, found);
        }

        if (heldSentences is not null)
        {
            JudgeSentences(window, from, heldSentences);
        }

        hold = Defer(window, from, hold, forced);
        if (hold <= from && !found.Exists(d => d.Open && BlocksNow(d)))
        {
            return final ? CheckFinishedSentences(true, []) : GuardStep.Empty;
        }

        var events = new List<GuardrailEvent>();
        var output = Release(window, from, hold, events);
        answer.Append(output);
        pending = Blocked ? string.Empty : window[hold..];
        return holdSentences || Blocked ? new GuardStep(output, events, Blocked) : CheckFinishedSentences(final && pending.Length == 0, events, output);
    }

    private int HoldFrom(string window, int from)
    {
        var hold = window.Length;
        foreach (var detector in detectors)
        {
            hold = Math.Min(hold, detector.HoldFrom(window));
        }

        return Math.Max(from, hold);
    }

    /// <summary>Holds the unfinished last sentence; returns the finished ones (window-relative) to judge before release.</summary>
    private static (int Hold, List<Range> Finished) HoldSentences(string window, int from, int hold, bool forced)
    {
        var spans = SentenceSplitter.Spans(window[from..hold]);
        var finished = forced ? spans.Count : spans.Count - 1;
        if (!forced && finished >= 0 && spans.Count > 0)
        {
            hold = from + spans[^1].Start.Value;
        }

        return (hold, [.. spans.Take(Math.Max(0, finished)).Select(r => (from + r.Start.Value)..(from + r.End.Value))]);
    }

    private void JudgeSentences(string window, int from, List<Range> sentences)
    {
        foreach (var range in sentences)
        {
            sentenceFindings.Clear();
            foreach (var check in sentenceChecks)
            {
                check.Check(window[range], sentenceFindings);
            }

            foreach (var (rule, kind) in sentenceFindings)
            {
                found.Add(new Detection(rule, kind, range.Start.Value, range.End.Value - range.Start.Value));
            }
        }
    }

    /// <summary>Moves the release point back before any match that may still grow or runs past it.</summary>
    private int Defer(string window, int from, int hold, bool forced)
    {
        bool moved;
        do
        {
            moved = false;
            foreach (var d in found)
            {
                var open = d.End > hold || (!forced && d.End >= window.Length);
                if (open && !(d.Open && BlocksNow(d)) && d.Start < hold && policy.ActionFor(d) != GuardAction.Off)
                {
                    hold = Math.Max(from, d.Start);
                    moved = true;
                }
            }
        }
        while (moved && hold > from);

        return hold;
    }

    /// <summary>The text of [from, hold) with redactions applied, cut before a block; reports every action.</summary>
    private string Release(string window, int from, int hold, List<GuardrailEvent> events)
    {
        found.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var cut = hold;
        Detection? block = null;
        foreach (var d in found)
        {
            // An open block (a key block begun) stops the answer now, even where text before it is still held.
            if (d.End > from && (d.Start < hold || d.Open) && BlocksNow(d))
            {
                block = d;
                cut = Math.Max(from, Math.Min(d.Start, hold));
                break;
            }
        }

        var output = new StringBuilder(cut - from + 32);
        var position = from;
        foreach (var d in found)
        {
            var action = policy.ActionFor(d);
            if (action == GuardAction.Block && redactBlocks)
            {
                action = GuardAction.Redact;
            }

            var start = Math.Max(d.Start, from);
            if (action is GuardAction.Off or GuardAction.Block || d.End <= from || start >= cut)
            {
                continue;
            }

            Strongest = Max(Strongest, action);
            if (action == GuardAction.Flag)
            {
                var offset = answer.Length + output.Length + Math.Max(0, start - position);
                events.Add(new GuardrailEvent(d.Rule, action.Name(), d.Kind, policy.MessageFor(d, action), GuardrailEvent.AnswerTarget, offset, Math.Min(d.End, cut) - start));
                continue;
            }

            if (start < position)
            {
                // Overlaps the previous redaction (two rules on one value): its marker covers this one too.
                position = Math.Max(position, Math.Min(d.End, cut));
                continue;
            }

            output.Append(window, position, start - position);
            var marker = d.Replacement ?? GuardMessages.Marker(d.Kind);
            events.Add(new GuardrailEvent(d.Rule, action.Name(), d.Kind, policy.MessageFor(d, action), GuardrailEvent.AnswerTarget, answer.Length + output.Length, marker.Length));
            output.Append(marker);
            position = Math.Min(d.End, cut);
        }

        output.Append(window, position, cut - position);
        if (block is { } b)
        {
            Blocked = true;
            Strongest = GuardAction.Block;
            events.Add(new GuardrailEvent(b.Rule, GuardAction.Block.Name(), b.Kind, policy.MessageFor(b, GuardAction.Block)));
        }

        return output.ToString();
    }

    /// <summary>Flag-only sentence rules judge sentences once they end, in the text already shown.</summary>
    private GuardStep CheckFinishedSentences(bool final, List<GuardrailEvent> events, string output = "")
    {
        if (sentenceChecks.Count == 0 || checkedUpTo >= answer.Length)
        {
            return new GuardStep(output, events, false);
        }

        var rest = answer.ToString(checkedUpTo, answer.Length - checkedUpTo);
        var spans = SentenceSplitter.Spans(rest);
        var finished = final ? spans.Count : spans.Count - 1;
        for (var i = 0; i < finished; i++)
        {
            var sentence = rest[spans[i]];
            sentenceFindings.Clear();
            foreach (var check in sentenceChecks)
            {
                check.Check(sentence, sentenceFindings);
            }

            foreach (var (rule, kind) in sentenceFindings)
            {
                var action = policy.ActionFor(rule);
                if (action == GuardAction.Off)
                {
                    continue;
                }

                Strongest = Max(Strongest, GuardAction.Flag);
                var detection = new Detection(rule, kind, 0, 0);
                events.Add(new GuardrailEvent(rule, GuardAction.Flag.Name(), kind, policy.MessageFor(detection, GuardAction.Flag), GuardrailEvent.AnswerTarget,
                    checkedUpTo + spans[i].Start.Value, spans[i].End.Value - spans[i].Start.Value));
            }
        }

        checkedUpTo = final ? answer.Length : spans.Count > 0 ? checkedUpTo + spans[^1].Start.Value : checkedUpTo;
        return new GuardStep(output, events, false);
    }

    private bool BlocksNow(Detection d) => !redactBlocks && policy.ActionFor(d) == GuardAction.Block;

    private static GuardAction Max(GuardAction a, GuardAction b) => a > b ? a : b;
}
