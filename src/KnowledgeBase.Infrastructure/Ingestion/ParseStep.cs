using System.Diagnostics;
using KnowledgeBase.Core.Documents;
using KnowledgeBase.Infrastructure.Ingestion.Parsers;

namespace KnowledgeBase.Infrastructure.Ingestion;

/// <summary>The bytes of one version, with the name it was uploaded under and the format detected from its content.</summary>
public sealed record ParseInput(ReadOnlyMemory<byte> Content, string SourceName, string ContentType);

/// <summary>Pipeline step 1: bytes to blocks, by the format detected from the content.</summary>
public sealed class ParseStep(IEnumerable<IDocumentParser> parsers) : IngestionStep<ParseInput, ParsedDocument>(IngestionStepName.Parse)
{
    protected override Task<ParsedDocument> ExecuteAsync(ParseInput input, Activity? activity, CancellationToken cancellationToken)
    {
        activity?.SetTag("kb.document.content_type", input.ContentType);
        var parser = parsers.FirstOrDefault(p => p.CanParse(input.ContentType))
            ?? throw new DocumentRejectedException($"No parser for content type '{input.ContentType}'.");
        var parsed = parser.Parse(input.Content, input.SourceName, cancellationToken);
        if (parsed.PageCount is { } pages)
        {
            IngestionMetrics.Pages.Add(pages);
            activity?.SetTag("kb.document.pages", pages);
        }

        return Task.FromResult(parsed);
    }
}
