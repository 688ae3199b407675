using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KnowledgeBase.Core.Guardrails;
using KnowledgeBase.Core.Guardrails.Pii;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Infrastructure.Guardrails;

/// <summary>
/// The configured guardrails, for every answer path: the question check, the injection screening of sources, the
/// stream guard of the answer (all measured: <c>kb.guardrail.*</c> metrics and a span per check), and redaction of
/// text that leaves for storage or telemetry. <see cref="PolicyVersion"/> names the policy, so an answer cached
/// under one policy is not served under another.
/// </summary>
public sealed class GuardrailService
{
    private readonly TimeProvider time;

    private readonly GroundednessCheck grounding;

    public GuardrailService(IOptions<GuardrailOptions> options, GroundednessCheck grounding, TimeProvider time)
    {
        this.time = time;
        this.grounding = grounding;
        var policy = Policy(options.Value);
        Engine = new GuardrailEngine(policy);
        PolicyVersion = Version(policy, options.Value.Enabled);
    }

    /// <summary>"guardrails-" and a hash of the effective policy (actions, personal-data settings, blocklist, links, input rules).</summary>
    public string PolicyVersion { get; }

    public GuardrailEngine Engine { get; }

    public QuestionVerdict CheckQuestion(string question, string? collection)
    {
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("guardrail input");
        var started = time.GetTimestamp();
        var verdict = Engine.CheckQuestion(question, collection);
        Record(activity, "input", started, verdict.Events);
        activity?.SetTag("kb.guardrail.refused", verdict.Refused);
        return verdict;
    }

    /// <summary>The question as it may be stored and shown again (the same redaction as <see cref="CheckQuestion"/>, unmeasured).</summary>
    public string RedactQuestion(string question) => Engine.CheckQuestion(question, null).Text;

    public SourceScreening ScreenSources(IReadOnlyList<RetrievedChunk> sources)
    {
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("guardrail sources");
        var started = time.GetTimestamp();
        var screening = Engine.ScreenSources(sources);
        Record(activity, "sources", started, screening.Events);
        activity?.SetTag("kb.guardrail.sources_flagged", screening.PlantedTexts.Count);
        return screening;
    }

    /// <param name="parent">The answer's span: the output check's span is its child.</param>
    public AnswerGuard GuardAnswer(AnswerGuardContext context, ActivityContext parent) => new(Engine.GuardAnswer(context), time, parent, Engine.Policy, grounding);

    /// <summary>Text with everything the policy redacts or blocks replaced by markers: for content exported to telemetry.</summary>
    public string Redact(string text) => Engine.Redact(text);

    /// <summary>Langfuse shows a span with this observation type as a guardrail check.</summary>
    internal const string ObservationType = "guardrail";

    private static void Record(Activity? activity, string check, long started, IReadOnlyList<Core.Answering.GuardrailEvent> events)
    {
        activity?.SetTag("langfuse.observation.type", ObservationType);
        GuardrailMetrics.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("kb.guardrail.check", check));
        GuardrailMetrics.Count(events);
        activity?.SetTag("kb.guardrail.actions", events.Count);
        if (events.Count > 0)
        {
            activity?.SetTag("kb.guardrail.rules", string.Join(',', events.Select(e => e.Rule).Distinct()));
        }
    }

    private static GuardPolicy Policy(GuardrailOptions options)
    {
        var actions = new Dictionary<string, GuardAction>(GuardPolicy.Defaults);
        foreach (var (rule, action) in options.Actions)
        {
            actions[rule] = Parse(action);
        }

        actions[GuardRules.InjectionSource] = options.Injection.Sources.ToLowerInvariant() switch
        {
            "drop" => GuardAction.Block,
            "quote" => GuardAction.Redact,
            "flag" => GuardAction.Flag,
            _ => GuardAction.Off,
        };
        if (!options.Enabled)
        {
            foreach (var rule in actions.Keys)
            {
                actions[rule] = GuardAction.Off;
            }
        }

        return new GuardPolicy
        {
            Actions = actions,
            Pii = new PiiSettings { MinScore = options.Pii.MinScore, AllowedEmailDomains = options.Pii.AllowedEmailDomains, AllowedValues = options.Pii.AllowedValues },
            Blocklist = options.Enabled
                ? [.. options.Blocklist.Select(b => new BlocklistEntry(b.Name, b.Terms, b.Patterns, b.Collections, Parse(b.Action), b.WholeWord, b.CaseSensitive, b.Message))]
                : [],
            AllowedLinkOrigins = options.Links.AllowedOrigins,
            InputRules = options.InputRules.Count > 0 ? options.InputRules : GuardPolicy.Default.InputRules,
        };
    }

    private static GuardAction Parse(string action) => action.ToLowerInvariant() switch
    {
        "flag" => GuardAction.Flag,
        "redact" => GuardAction.Redact,
        "block" => GuardAction.Block,
        _ => GuardAction.Off,
    };

    private static string Version(GuardPolicy policy, bool enabled)
    {
        var canonical = JsonSerializer.Serialize(new
        {
            enabled,
            actions = policy.Actions.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"),
            policy.Pii.MinScore,
            policy.Pii.AllowedEmailDomains,
            policy.Pii.AllowedValues,
            policy.Blocklist,
            policy.AllowedLinkOrigins,
            policy.InputRules,
            rules = "rules-v1",
        });
        return "guardrails-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..12].ToLowerInvariant();
    }
}
