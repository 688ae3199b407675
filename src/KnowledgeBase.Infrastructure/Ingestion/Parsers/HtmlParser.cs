using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using KnowledgeBase.Core.Documents;
using KnowledgeBase.Infrastructure.Guardrails;

namespace KnowledgeBase.Infrastructure.Ingestion.Parsers;

/// <summary>
/// HTML through AngleSharp: scripts, styles and navigation dropped; text a browser would not show (hidden by the
/// page's own markup, see <see cref="HiddenHtml"/>) dropped with a warning; headings, paragraphs, list items and table rows kept.
/// </summary>
public sealed class HtmlParser : IDocumentParser
{
    private static readonly string[] Dropped = ["script", "style", "noscript", "nav", "header", "footer", "aside", "template", "svg", "form", "iframe"];

    public bool CanParse(string contentType) => contentType == ContentTypes.Html;

    public ParsedDocument Parse(ReadOnlyMemory<byte> content, string sourceName, CancellationToken cancellationToken)
    {
        var parser = new AngleSharp.Html.Parser.HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var document = parser.ParseDocument(TextDecoding.Decode(content.Span));
        foreach (var element in document.QuerySelectorAll(string.Join(',', Dropped)).ToList())
        {
            element.Remove();
        }

        var blocks = new List<DocumentBlock>();
        var root = document.Body ?? document.DocumentElement;
        var warnings = HiddenHtml.Remove(root);
        foreach (var element in root.QuerySelectorAll("h1,h2,h3,h4,h5,h6,p,li,tr,pre,blockquote,dt,dd,td:only-child"))
        {
            // Nested matches (a <p> inside an <li>) are read with their container.
            if (element.LocalName != "tr" && element.Ancestors<IElement>().Any(a => a.LocalName is "li" or "tr" or "blockquote" or "pre"))
            {
                continue;
            }

            var (kind, level) = element.LocalName switch
            {
                ['h', var digit] when char.IsDigit(digit) => (BlockKind.Heading, digit - '0'),
                "li" or "dt" or "dd" => (BlockKind.ListItem, 0),
                "tr" => (BlockKind.TableRow, 0),
                _ => (BlockKind.Paragraph, 0),
            };
            var text = kind == BlockKind.TableRow
                ? string.Join(" | ", element.Children.Where(c => c.LocalName is "td" or "th").Select(c => Normalize(c.TextContent)))
                : Normalize(element.TextContent);
            if (text.Length > 0)
            {
                blocks.Add(new DocumentBlock(kind, text, null, level));
            }
        }

        if (blocks.Count == 0)
        {
            var fallback = Normalize(root.TextContent);
            if (fallback.Length == 0)
            {
                throw new DocumentRejectedException("The HTML page contains no readable text (after removing scripts, styles and navigation).");
            }

            blocks.Add(new DocumentBlock(BlockKind.Paragraph, fallback, null));
        }

        var title = Normalize(document.Title ?? string.Empty);
        if (title.Length == 0)
        {
            title = blocks.FirstOrDefault(b => b.Kind == BlockKind.Heading)?.Text ?? TextDecoding.TitleFromFileName(sourceName);
        }

        return new ParsedDocument(title, blocks, null, warnings);
    }

    private static string Normalize(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
