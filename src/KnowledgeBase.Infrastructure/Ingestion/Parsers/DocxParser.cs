using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using KnowledgeBase.Core.Documents;

namespace KnowledgeBase.Infrastructure.Ingestion.Parsers;

/// <summary>
/// Word documents (DOCX) through the Open XML SDK, body in reading order: Heading 1-9 and Title
/// paragraphs become headings, numbered or list-styled paragraphs list items, each table row one
/// block with its cells joined by " | ". Headers, footers, footnotes, comments and text boxes are
/// not read. The archive passes <see cref="ZipArchiveGuard"/> before the SDK opens it.
/// </summary>
public sealed partial class DocxParser : IDocumentParser
{
    private const int MaxTitleLength = 200;
    private const int MaxStyleDepth = 10;

    private readonly ZipArchiveGuard guard;

    public DocxParser()
        : this(new ZipArchiveGuard())
    {
    }

    public DocxParser(ZipArchiveGuard guard) => this.guard = guard;

    public bool CanParse(string contentType) => contentType == ContentTypes.Docx;

    public ParsedDocument Parse(ReadOnlyMemory<byte> content, string sourceName, CancellationToken cancellationToken)
    {
        guard.Inspect(content, cancellationToken);
        try
        {
            // The guard has bounded the declared sizes; the SDK's own limit caps what any part may actually expand to.
            var settings = new OpenSettings { MaxCharactersInPart = guard.MaxExpandedBytes };
            using var stream = ZipArchiveGuard.AsStream(content);
            using var document = WordprocessingDocument.Open(stream, false, settings);
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw new DocumentRejectedException("The file is a ZIP archive but not a Word document (it has no document body).");

            var blocks = new List<DocumentBlock>();
            new BodyReader(StyleSheet.From(document.MainDocumentPart.StyleDefinitionsPart), blocks, cancellationToken).Read(body);
            if (blocks.Count == 0)
            {
                throw new DocumentRejectedException("The DOCX file contains no text.");
            }

            return new ParsedDocument(Title(document, blocks, sourceName), blocks, null, []);
        }
        catch (Exception e) when (e is not DocumentRejectedException and not OperationCanceledException)
        {
            throw new DocumentRejectedException($"The file is not a readable DOCX document ({e.Message.TrimEnd('.')}).", e);
        }
    }

    private static string Title(WordprocessingDocument document, List<DocumentBlock> blocks, string sourceName)
    {
        var title = Normalize(document.PackageProperties.Title ?? string.Empty);
        if (title.Length is > 0 and <= MaxTitleLength)
        {
            return title;
        }

        return blocks.FirstOrDefault(b => b.Kind == BlockKind.Heading)?.Text ?? TextDecoding.TitleFromFileName(sourceName);
    }

    private static string Normalize(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The visible text of a paragraph, cell or table: runs' text with tabs and breaks as spaces; drawings, text boxes, deletions and field codes left out.</summary>
    private static string TextOf(OpenXmlElement element)
    {
        var text = new StringBuilder();
        AppendText(element, text);
        return Normalize(text.ToString());
    }

    private static void AppendText(OpenXmlElement element, StringBuilder text)
    {
        foreach (var child in element.ChildElements)
        {
            switch (child)
            {
                case Text t:
                    text.Append(t.Text);
                    break;
                case TabChar or PositionalTab or Break or CarriageReturn:
                    text.Append(' ');
                    break;
                case NoBreakHyphen:
                    text.Append('-');
                    break;
                case Paragraph or TableCell:
                    AppendText(child, text);
                    text.Append(' ');
                    break;
                case Drawing or Picture or EmbeddedObject or AlternateContent or DeletedRun
                    or ParagraphProperties or RunProperties or FieldCode or DeletedFieldCode:
                    break;
                default:
                    AppendText(child, text);
                    break;
            }
        }
    }

    [GeneratedRegex(@"^heading\s*([1-9])$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeadingStyle();

    /// <summary>Walks the body's block-level content in document order, content controls and custom XML included.</summary>
    private sealed class BodyReader(StyleSheet styles, List<DocumentBlock> blocks, CancellationToken cancellationToken)
    {
        public void Read(OpenXmlElement container)
        {
            foreach (var child in container.ChildElements)
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (child)
                {
                    case Paragraph paragraph:
                        AddParagraph(paragraph);
                        break;
                    case Table table:
                        AddTable(table);
                        break;
                    case SectionProperties:
                        break;
                    case AlternateContent alternate:
                        // Choice and Fallback hold the same content twice; the first is enough.
                        if (alternate.FirstChild is { } first)
                        {
                            Read(first);
                        }

                        break;
                    default:
                        Read(child);
                        break;
                }
            }
        }

        private void AddParagraph(Paragraph paragraph)
        {
            var text = TextOf(paragraph);
            if (text.Length == 0)
            {
                return;
            }

            var properties = paragraph.ParagraphProperties;
            var styleId = properties?.ParagraphStyleId?.Val?.Value;
            var level = styles.HeadingLevel(styleId) ?? OutlineHeadingLevel(properties?.OutlineLevel);
            if (level is { } headingLevel)
            {
                blocks.Add(new DocumentBlock(BlockKind.Heading, text, null, headingLevel));
                return;
            }

            // numId 0 removes numbering the style would otherwise give.
            var numbering = properties?.NumberingProperties?.NumberingId?.Val?.Value;
            var isListItem = numbering is { } numId ? numId != 0 : styles.IsList(styleId);
            blocks.Add(new DocumentBlock(isListItem ? BlockKind.ListItem : BlockKind.Paragraph, text, null));
        }

        private void AddTable(Table table)
        {
            // Rows and cells of this table only (content controls may wrap them); nested tables are read as their cell's text.
            foreach (var row in table.Descendants<TableRow>().Where(r => r.Ancestors<Table>().First() == table))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cells = row.Descendants<TableCell>().Where(c => c.Ancestors<TableRow>().First() == row).Select(TextOf).ToList();
                if (cells.Exists(c => c.Length > 0))
                {
                    blocks.Add(new DocumentBlock(BlockKind.TableRow, string.Join(" | ", cells), null));
                }
            }
        }
    }

    /// <summary>w:outlineLvl 0-8 is heading level 1-9; 9 is body text.</summary>
    private static int? OutlineHeadingLevel(OutlineLevel? outline) =>
        outline?.Val?.Value is { } value and >= 0 and <= 8 ? value + 1 : null;

    /// <summary>
    /// Paragraph styles by id. A style is a heading when its id or name is "Heading N" or "Title"
    /// (built-in names stay English in localized Word, ids do not) or it has an outline level; a
    /// list when it carries numbering or is named "List …"; both inherited through w:basedOn.
    /// </summary>
    private sealed class StyleSheet
    {
        private static readonly StyleSheet Empty = new(new Dictionary<string, Style>(StringComparer.OrdinalIgnoreCase), null);

        private readonly Dictionary<string, Style> byId;
        private readonly string? defaultStyleId;

        private StyleSheet(Dictionary<string, Style> byId, string? defaultStyleId)
        {
            this.byId = byId;
            this.defaultStyleId = defaultStyleId;
        }

        public static StyleSheet From(StyleDefinitionsPart? part)
        {
            if (part?.Styles is not { } styles)
            {
                return Empty;
            }

            var byId = new Dictionary<string, Style>(StringComparer.OrdinalIgnoreCase);
            string? defaultStyleId = null;
            foreach (var style in styles.Elements<Style>())
            {
                if (style.StyleId?.Value is not { } id || (style.Type?.Value is { } type && type != StyleValues.Paragraph))
                {
                    continue;
                }

                byId.TryAdd(id, style);
                if (style.Default?.Value == true)
                {
                    defaultStyleId ??= id;
                }
            }

            return new StyleSheet(byId, defaultStyleId);
        }

        public int? HeadingLevel(string? styleId)
        {
            var depth = 0;
            for (var id = styleId ?? defaultStyleId; id is not null && depth++ < MaxStyleDepth; id = Style(id)?.BasedOn?.Val?.Value)
            {
                if (NamedLevel(id) is { } level)
                {
                    return level;
                }

                var style = Style(id);
                if ((NamedLevel(style?.StyleName?.Val?.Value) ?? OutlineHeadingLevel(style?.StyleParagraphProperties?.OutlineLevel)) is { } styled)
                {
                    return styled;
                }
            }

            return null;
        }

        public bool IsList(string? styleId)
        {
            var depth = 0;
            for (var id = styleId ?? defaultStyleId; id is not null && depth++ < MaxStyleDepth; id = Style(id)?.BasedOn?.Val?.Value)
            {
                var style = Style(id);
                if (style?.StyleParagraphProperties?.NumberingProperties?.NumberingId?.Val?.Value is { } numId)
                {
                    return numId != 0;
                }

                if (IsListName(id) || IsListName(style?.StyleName?.Val?.Value))
                {
                    return true;
                }
            }

            return false;
        }

        private Style? Style(string id) => byId.GetValueOrDefault(id);

        private static int? NamedLevel(string? name)
        {
            if (name is null)
            {
                return null;
            }

            if (name.Equals("Title", StringComparison.OrdinalIgnoreCase))
            {
                return 1;
            }

            var match = HeadingStyle().Match(name.Trim());
            return match.Success ? match.Groups[1].Value[0] - '0' : null;
        }

        private static bool IsListName(string? name) =>
            name is not null && name.StartsWith("List", StringComparison.OrdinalIgnoreCase);
    }
}
