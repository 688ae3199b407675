using System.Text.RegularExpressions;
using KnowledgeBase.Core.Documents;

namespace KnowledgeBase.Infrastructure.Ingestion.Parsers;

/// <summary>Plain text, CSV and JSON: paragraphs are separated by blank lines; CSV rows stay whole.</summary>
public sealed partial class PlainTextParser : IDocumentParser
{
    public bool CanParse(string contentType) =>
        contentType is ContentTypes.PlainText or ContentTypes.Csv or ContentTypes.Json;

    public ParsedDocument Parse(ReadOnlyMemory<byte> content, string sourceName, CancellationToken cancellationToken)
    {
        var text = TextDecoding.Decode(content.Span).Replace("\r\n", "\n").Replace('\r', '\n');
        var isCsv = sourceName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        var blocks = isCsv
            ? text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(row => new DocumentBlock(BlockKind.TableRow, row, null))
            : BlankLines().Split(text)
                .Select(p => WhitespaceRun().Replace(p, " ").Trim())
                .Where(p => p.Length > 0)
                .Select(p => new DocumentBlock(BlockKind.Paragraph, p, null));
        var list = blocks.ToList();
        if (list.Count == 0)
        {
            throw new DocumentRejectedException("The file contains no text.");
        }

        return new ParsedDocument(TextDecoding.TitleFromFileName(sourceName), list, null, []);
    }

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();
}
