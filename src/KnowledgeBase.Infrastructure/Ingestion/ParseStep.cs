using System.Diagnostics;
using KnowledgeBase.Core.Documents;
using KnowledgeBase.Core.Text;
using KnowledgeBase.Infrastructure.Ingestion.Parsers;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Infrastructure.Ingestion;

/// <summary>The bytes of one version, with the name it was uploaded under and the format detected from its content.</summary>
public sealed record ParseInput(ReadOnlyMemory<byte> Content, string SourceName, string ContentType);

/// <summary>
/// Pipeline step 1: bytes to blocks, by the format detected from the content, within
/// <c>Ingestion:MaxParseSeconds</c>; the text comes out as PostgreSQL will store it (<see cref="StorableText"/>).
/// </summary>
public sealed class ParseStep(IEnumerable<IDocumentParser> parsers, IOptions<IngestionOptions> options, TimeProvider time)
    : IngestionStep<ParseInput, ParsedDocument>(IngestionStepName.Parse)
{
    protected override Task<ParsedDocument> ExecuteAsync(ParseInput input, Activity? activity, CancellationToken cancellationToken)
    {
        activity?.SetTag("kb.document.content_type", input.ContentType);
        var parser = parsers.FirstOrDefault(p => p.CanParse(input.ContentType))
            ?? throw new DocumentRejectedException($"No parser for content type '{input.ContentType}'.");
        var parsed = Storable(ParseWithinBudget(parser, input, cancellationToken));
        if (parsed.PageCount is { } pages)
        {
            IngestionMetrics.Pages.Add(pages);
            activity?.SetTag("kb.document.pages", pages);
        }

        return Task.FromResult(parsed);
    }

    /// <summary>A file that keeps a parser busy too long (a decompression or nesting bomb) fails for good instead of holding a worker.</summary>
    private ParsedDocument ParseWithinBudget(IDocumentParser parser, ParseInput input, CancellationToken cancellationToken)
    {
        var seconds = options.Value.MaxParseSeconds;
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(seconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            return parser.Parse(input.Content, input.SourceName, linked.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new DocumentRejectedException(
                $"Reading the file took longer than {seconds} s (Ingestion:MaxParseSeconds); it is too large or too complex to ingest.");
        }
    }

    private static ParsedDocument Storable(ParsedDocument parsed) => parsed with
    {
        Title = StorableText.Clean(parsed.Title),
        Blocks = [.. parsed.Blocks.Select(b => b with { Text = StorableText.Clean(b.Text) }).Where(b => b.Text.Length > 0)],
        Warnings = [.. parsed.Warnings.Select(StorableText.Clean)],
    };
}
