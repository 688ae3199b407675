using System.Diagnostics;
using KnowledgeBase.Core.Documents;
using KnowledgeBase.Core.Guardrails;
using KnowledgeBase.Core.Guardrails.Injection;
using KnowledgeBase.Infrastructure.Ingestion;

namespace KnowledgeBase.Infrastructure.Guardrails;

/// <summary>
/// Ingestion step after parsing: removes zero-width characters and records text aimed at a model as document warnings
/// (admins see them on the document). The text stays searchable: at answer time the chunk is dropped or quoted
/// (<c>Guardrails:Injection:Sources</c>). Off with <c>Guardrails:Injection:Sources=off</c>.
/// </summary>
public sealed class InjectionScreenStep(GuardrailService guardrails) : IngestionStep<ParsedDocument, ParsedDocument>(IngestionStepName.Screen)
{
    protected override Task<ParsedDocument> ExecuteAsync(ParsedDocument input, Activity? activity, CancellationToken cancellationToken)
    {
        if (guardrails.Engine.Policy.ActionFor(GuardRules.InjectionSource) == GuardAction.Off)
        {
            return Task.FromResult(input);
        }

        var screened = DocumentScreen.Screen(input);
        var added = screened.Warnings.Count - input.Warnings.Count;
        activity?.SetTag("kb.guardrail.document_warnings", added);
        if (added > 0)
        {
            GuardrailMetrics.Actions.Add(added, new KeyValuePair<string, object?>("rule", GuardRules.InjectionSource), new KeyValuePair<string, object?>("action", "flag"));
        }

        return Task.FromResult(screened);
    }
}
