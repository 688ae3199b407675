using System.Text.RegularExpressions;
using KnowledgeBase.Core.Guardrails;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Infrastructure.Guardrails;

/// <summary>Refuses to start on a misspelt rule id or action, an invalid regex or an empty blocklist entry, naming the setting.</summary>
public sealed class GuardrailOptionsValidator : IValidateOptions<GuardrailOptions>
{
    public static readonly string[] ActionNames = ["off", "flag", "redact", "block"];
    public static readonly string[] SourceHandlings = ["drop", "quote", "flag", "off"];

    public ValidateOptionsResult Validate(string? name, GuardrailOptions options)
    {
        var failures = new List<string>();
        foreach (var (rule, action) in options.Actions)
        {
            if (!GuardRules.All.Contains(rule))
            {
                failures.Add($"Guardrails:Actions:{rule} is not a rule; the rules are {string.Join(", ", GuardRules.All)}.");
            }
            else if (!ActionNames.Contains(action?.ToLowerInvariant()))
            {
                failures.Add($"Guardrails:Actions:{rule} is '{action}'; use off, flag, redact or block.");
            }
            else if (rule is GuardRules.Groundedness or GuardRules.CitationSupport && action!.ToLowerInvariant() is not ("off" or "flag"))
            {
                // Judged once the answer is complete (a sentence's citations may follow it), when it has been shown.
                failures.Add($"Guardrails:Actions:{rule} is '{action}'; use off or flag (sentences are judged when the answer is complete).");
            }
        }

        if (options.Actions.Keys.FirstOrDefault(k => k == GuardRules.InjectionSource) is not null)
        {
            failures.Add($"Guardrails:Actions:{GuardRules.InjectionSource} is set with Guardrails:Injection:Sources (drop, quote, flag or off).");
        }

        if (options.Pii.MinScore is < 0 or > 1)
        {
            failures.Add($"Guardrails:Pii:MinScore is {options.Pii.MinScore}; it must be between 0 and 1.");
        }

        if (!SourceHandlings.Contains(options.Injection.Sources?.ToLowerInvariant()))
        {
            failures.Add($"Guardrails:Injection:Sources is '{options.Injection.Sources}'; use drop, quote, flag or off.");
        }

        foreach (var rule in options.InputRules.Where(r => !GuardRules.All.Contains(r)))
        {
            failures.Add($"Guardrails:InputRules contains '{rule}', which is not a rule.");
        }

        foreach (var origin in options.Links.AllowedOrigins.Where(o => !Uri.TryCreate(o, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")))
        {
            failures.Add($"Guardrails:Links:AllowedOrigins contains '{origin}', which is not an http(s) URL.");
        }

        for (var i = 0; i < options.Blocklist.Count; i++)
        {
            ValidateEntry(options.Blocklist[i], $"Guardrails:Blocklist:{i}", failures);
        }

        foreach (var duplicate in options.Blocklist.GroupBy(b => b.Name).Where(g => g.Count() > 1))
        {
            failures.Add($"Guardrails:Blocklist has two entries named '{duplicate.Key}'; names must be unique.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateEntry(GuardrailOptions.BlocklistOptions entry, string path, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(entry.Name))
        {
            failures.Add($"{path}:Name is empty; events and the admin screen show it instead of the matched text.");
        }

        if (!entry.Terms.Any(t => !string.IsNullOrWhiteSpace(t)) && entry.Patterns.Count == 0)
        {
            failures.Add($"{path} has neither Terms nor Patterns.");
        }

        if (!ActionNames.Contains(entry.Action?.ToLowerInvariant()) || entry.Action?.ToLowerInvariant() == "off")
        {
            failures.Add($"{path}:Action is '{entry.Action}'; use flag, redact or block.");
        }

        for (var p = 0; p < entry.Patterns.Count; p++)
        {
            try
            {
                _ = new Regex(entry.Patterns[p], RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                failures.Add($"{path}:Patterns:{p} is not a valid regular expression: {e.Message}");
            }
        }
    }
}
