using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Guardrails.Injection;
using KnowledgeBase.Core.Guardrails.Pii;
using KnowledgeBase.Core.Guardrails.Secrets;
using KnowledgeBase.Core.Retrieval;

namespace KnowledgeBase.Core.Guardrails;

/// <summary>
/// The rules of one policy, assembled: the stream guard for an answer, the checks of a question, the injection
/// screening of sources and whole-text redaction (for text that is stored or exported rather than streamed).
/// Built once; everything per request is cheap.
/// </summary>
public sealed class GuardrailEngine
{
    private readonly List<IDetector> detectors;
    private readonly List<IDetector> inputDetectors;
    private readonly GuardPolicy inputPolicy;
    private readonly ConcurrentDictionary<string, (IReadOnlyList<IDetector> Detectors, TermDetector Terms)> blocklists = new(StringComparer.Ordinal);

    public GuardrailEngine(GuardPolicy policy)
    {
        Policy = policy;
        detectors = Detectors(policy, _ => true);
        var input = policy.InputRules.ToHashSet(StringComparer.Ordinal);
        inputPolicy = new GuardPolicy
        {
            Actions = GuardRules.All.ToDictionary(r => r, r => input.Contains(r) && policy.ActionFor(r) != GuardAction.Off ? GuardAction.Redact : GuardAction.Off),
            Pii = policy.Pii,
        };
        inputDetectors = Detectors(inputPolicy, input.Contains);
    }

    public static GuardrailEngine Default { get; } = new(GuardPolicy.Default);

    public GuardPolicy Policy { get; }

    /// <summary>The personal-data and secret detectors of the policy (the rules that do not depend on the request).</summary>
    public IReadOnlyList<IDetector> BaseDetectors => detectors;

    /// <summary>A guard for one streamed answer.</summary>
    public StreamGuard GuardAnswer(AnswerGuardContext context)
    {
        var all = new List<IDetector>(detectors.Count + 4);
        all.AddRange(detectors);
        all.AddRange(Blocklist(context.Collection).Detectors);
        var screening = context.Sources;
        if (Policy.ActionFor(GuardRules.UntrustedLink) != GuardAction.Off || (screening.PlantedTexts.Count > 0 && Policy.ActionFor(GuardRules.InjectionEcho) != GuardAction.Off))
        {
            all.Add(new LinkDetector(screening.TrustedTexts, screening.PlantedTexts, Policy.AllowedLinkOrigins));
        }

        var checks = new List<ISentenceCheck>(context.SentenceChecks ?? []);
        if (screening.Planted.Count > 0 && Policy.ActionFor(GuardRules.InjectionEcho) != GuardAction.Off)
        {
            checks.Add(new InjectionEchoCheck(screening.Planted));
            var payloads = Payloads(screening, context.Question);
            if (payloads.Count > 0)
            {
                all.Add(new TermDetector([new TermSet(GuardRules.InjectionEcho, "instruction from a document", payloads)]));
            }
        }

        return new StreamGuard(Policy, all, checks);
    }

    /// <summary>Redacts a question's secrets and card-like numbers, and refuses prompt extraction and denied topics.</summary>
    public QuestionVerdict CheckQuestion(string question, string? collection)
    {
        var (text, found) = Apply(question, inputPolicy, inputDetectors);
        var events = found.Select(e => new GuardrailEvent(e.Rule, e.Action, e.SpanKind, GuardMessages.ForQuestion(e.SpanKind), GuardrailEvent.QuestionTarget)).ToList();
        if (Policy.ActionFor(GuardRules.PromptExtraction) == GuardAction.Block && PromptExtraction.IsAttempt(question))
        {
            events.Add(new GuardrailEvent(GuardRules.PromptExtraction, GuardAction.Block.Name(), "prompt extraction attempt", GuardMessages.PromptExtractionRefusal, GuardrailEvent.QuestionTarget));
            return new QuestionVerdict(text, events, GuardMessages.PromptExtractionRefusal, GuardRules.PromptExtraction);
        }

        var (blocklist, terms) = Blocklist(collection);
        var hits = new List<Detection>();
        terms.Detect(question, 0, hits);
        foreach (var detector in blocklist.Where(d => d is PatternDetector))
        {
            detector.Detect(question, 0, hits);
        }

        foreach (var hit in hits)
        {
            if (Policy.ActionFor(hit) == GuardAction.Block)
            {
                var message = Policy.Blocklist.FirstOrDefault(b => b.Name == hit.Kind)?.Message ?? GuardMessages.DeniedTopicRefusal;
                events.Add(new GuardrailEvent(GuardRules.Blocklist, GuardAction.Block.Name(), hit.Kind, message, GuardrailEvent.QuestionTarget));
                return new QuestionVerdict(text, events, message, GuardRules.Blocklist);
            }
        }

        return new QuestionVerdict(text, events, null, null);
    }

    /// <summary>Drops or quotes the sources that carry instructions aimed at a model, per the policy.</summary>
    public SourceScreening ScreenSources(IReadOnlyList<RetrievedChunk> sources)
    {
        var action = Policy.ActionFor(GuardRules.InjectionSource);
        if (action == GuardAction.Off)
        {
            return SourceScreening.Unchecked(sources);
        }

        List<RetrievedChunk>? kept = null;
        var quoted = new HashSet<long>();
        var planted = new List<PlantedInstruction>();
        var plantedTexts = new List<string>();
        var events = new List<GuardrailEvent>();
        for (var i = 0; i < sources.Count; i++)
        {
            var found = InjectionScanner.Scan(sources[i].Text);
            if (found.Count == 0)
            {
                kept?.Add(sources[i]);
                continue;
            }

            planted.AddRange(found);
            plantedTexts.Add(sources[i].Text);
            var name = action switch { GuardAction.Block => "drop", GuardAction.Redact => "quote", _ => "flag" };
            events.Add(new GuardrailEvent(GuardRules.InjectionSource, name, found[0].Kind, GuardMessages.ForSource(action == GuardAction.Block), GuardrailEvent.SourceTarget));
            if (action == GuardAction.Block)
            {
                kept ??= [.. sources.Take(i)];
                continue;
            }

            kept?.Add(sources[i]);
            if (action == GuardAction.Redact)
            {
                quoted.Add(sources[i].ChunkId);
            }
        }

        return new SourceScreening(kept ?? sources, quoted, planted, plantedTexts, events);
    }

    /// <summary>
    /// The text with everything the policy would redact or block replaced by markers, whole (not streamed): for
    /// text that is exported to telemetry or stored from elsewhere.
    /// </summary>
    public string Redact(string text) => text.Length == 0 ? text : Apply(text, Policy, detectors).Text;

    private static (string Text, IReadOnlyList<GuardrailEvent> Events) Apply(string text, GuardPolicy policy, IReadOnlyList<IDetector> rules)
    {
        var guard = new StreamGuard(policy, rules, [], redactBlocks: true);
        var first = guard.Push(text);
        var rest = guard.Flush();
        return (guard.Text, [.. first.Events, .. rest.Events]);
    }

    /// <summary>What a planted instruction wants said that the trusted sources and the question do not say themselves.</summary>
    private static List<string> Payloads(SourceScreening screening, string question)
    {
        var trusted = string.Join('\n', screening.TrustedTexts);
        return [.. screening.Planted.SelectMany(p => p.Payloads)
            .Where(p => !p.Contains("://", StringComparison.Ordinal) && !trusted.Contains(p, StringComparison.OrdinalIgnoreCase) && !question.Contains(p, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private (IReadOnlyList<IDetector> Detectors, TermDetector Terms) Blocklist(string? collection)
    {
        var entries = Policy.BlocklistFor(collection);
        var key = string.Join('\u001f', entries.Select(e => e.Name));
        return blocklists.GetOrAdd(key, _ =>
        {
            var terms = new TermDetector(entries.Select(e => new TermSet(GuardRules.Blocklist, e.Name, e.Terms, e.WholeWord, e.CaseSensitive, e.Action)));
            var list = new List<IDetector>();
            if (!terms.IsEmpty)
            {
                list.Add(terms);
            }

            foreach (var entry in entries.Where(e => e.Patterns.Count > 0))
            {
                var options = (entry.CaseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase) | RegexOptions.CultureInvariant;
                list.Add(new PatternDetector(GuardRules.Blocklist, entry.Name, [.. entry.Patterns.Select(p => new Regex(p, options, TimeSpan.FromMilliseconds(100)))], entry.Action));
            }

            return (list, terms);
        });
    }

    private static List<IDetector> Detectors(GuardPolicy policy, Func<string, bool> included)
    {
        bool On(string rule) => included(rule) && policy.ActionFor(rule) != GuardAction.Off;
        var list = new List<IDetector>();
        var pii = policy.Pii;
        if (On(GuardRules.Email))
        {
            list.Add(new EmailRecognizer(pii));
        }

        if (On(GuardRules.Phone))
        {
            list.Add(new PhoneRecognizer(pii));
        }

        if (On(GuardRules.PaymentCard))
        {
            list.Add(new PaymentCardRecognizer(pii));
        }

        if (On(GuardRules.Iban))
        {
            list.Add(new IbanRecognizer(pii));
        }

        if (On(GuardRules.UsSsn))
        {
            list.Add(new UsSsnRecognizer(pii));
        }

        if (On(GuardRules.IpAddress))
        {
            list.Add(new IpAddressRecognizer(pii));
        }

        var secrets = SecretPatterns.All.Where(p => On(p.Rule)).ToList();
        if (secrets.Count > 0)
        {
            list.Add(new SecretDetector(secrets));
        }

        return list;
    }
}
