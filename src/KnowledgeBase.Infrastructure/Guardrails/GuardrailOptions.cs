using KnowledgeBase.Core.Guardrails;

namespace KnowledgeBase.Infrastructure.Guardrails;

/// <summary>
/// <c>Guardrails:*</c>. Every rule has a default action (<see cref="GuardPolicy.Defaults"/>, the README's policy
/// table); <see cref="Actions"/> overrides them by rule id with <c>off</c>, <c>flag</c>, <c>redact</c> or <c>block</c>.
/// </summary>
public sealed class GuardrailOptions
{
    public const string Section = "Guardrails";

    /// <summary>Off: no rule runs (answers stream exactly as generated). For measuring, never for production.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Rule id → action, e.g. <c>"pii.ip_address": "flag"</c>.</summary>
    public Dictionary<string, string> Actions { get; set; } = [];

    public PiiOptions Pii { get; set; } = new();

    public List<BlocklistOptions> Blocklist { get; set; } = [];

    public LinkOptions Links { get; set; } = new();

    public InjectionOptions Injection { get; set; } = new();

    /// <summary>Rules applied to questions (their matches are removed before the question is stored, logged, traced or sent to a model); empty: the default set.</summary>
    public List<string> InputRules { get; set; } = [];

    public sealed class PiiOptions
    {
        /// <summary>The score (0–1, after checksums and context words) a personal-data match needs.</summary>
        public double MinScore { get; set; } = 0.5;

        /// <summary>The company's own e-mail domains (and their subdomains): addresses there are not personal data.</summary>
        public List<string> AllowedEmailDomains { get; set; } = [];

        /// <summary>Public values that look personal (a help-desk number, a shared mailbox).</summary>
        public List<string> AllowedValues { get; set; } = [];
    }

    public sealed class BlocklistOptions
    {
        /// <summary>Shown on events and to admins instead of the matched text.</summary>
        public string Name { get; set; } = string.Empty;

        public List<string> Terms { get; set; } = [];

        public List<string> Patterns { get; set; } = [];

        /// <summary>The collections it applies to; empty: all.</summary>
        public List<string> Collections { get; set; } = [];

        public string Action { get; set; } = "block";

        public bool WholeWord { get; set; } = true;

        public bool CaseSensitive { get; set; }

        /// <summary>What the reader is told (a denied topic's refusal); default: a generic sentence.</summary>
        public string? Message { get; set; }
    }

    public sealed class LinkOptions
    {
        /// <summary>Origins answers may always link to, e.g. the app's own <c>https://kb.example.com</c>.</summary>
        public List<string> AllowedOrigins { get; set; } = [];
    }

    public sealed class InjectionOptions
    {
        /// <summary>A retrieved source that carries instructions aimed at a model: <c>drop</c> it, <c>quote</c> it, <c>flag</c> it (keep as is), or <c>off</c> (no check).</summary>
        public string Sources { get; set; } = "drop";
    }
}
