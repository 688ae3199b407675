using System.Text;
using KnowledgeBase.Core.Documents;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace KnowledgeBase.Infrastructure.Ingestion.Parsers;

/// <summary>Markdown through Markdig's syntax tree: headings give the heading path, list items and table rows stay whole.</summary>
public sealed class MarkdownParser : IDocumentParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseGridTables().Build();

    public bool CanParse(string contentType) => contentType == ContentTypes.Markdown;

    public ParsedDocument Parse(ReadOnlyMemory<byte> content, string sourceName, CancellationToken cancellationToken)
    {
        var markdown = Markdown.Parse(TextDecoding.Decode(content.Span), Pipeline);
        var blocks = new List<DocumentBlock>();
        foreach (var block in markdown)
        {
            Collect(block, blocks);
        }

        if (blocks.Count == 0)
        {
            throw new DocumentRejectedException("The Markdown file contains no text.");
        }

        var title = blocks.FirstOrDefault(b => b.Kind == BlockKind.Heading && b.Level == 1)?.Text
            ?? TextDecoding.TitleFromFileName(sourceName);
        return new ParsedDocument(title, blocks, null, []);
    }

    private static void Collect(Block block, List<DocumentBlock> blocks)
    {
        switch (block)
        {
            case HeadingBlock heading:
                Add(blocks, BlockKind.Heading, InlineText(heading.Inline), heading.Level);
                break;
            case Table table:
                foreach (var row in table.OfType<TableRow>())
                {
                    var cells = row.OfType<TableCell>().Select(cell => string.Join(' ', cell.OfType<LeafBlock>().Select(l => InlineText(l.Inline))));
                    Add(blocks, BlockKind.TableRow, string.Join(" | ", cells));
                }

                break;
            case ListBlock list:
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var text = new StringBuilder();
                    foreach (var child in item)
                    {
                        if (child is LeafBlock leaf)
                        {
                            text.Append(LeafText(leaf)).Append(' ');
                        }
                        else
                        {
                            Collect(child, blocks);
                        }
                    }

                    Add(blocks, BlockKind.ListItem, text.ToString());
                }

                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    Collect(child, blocks);
                }

                break;
            case LeafBlock leaf:
                Add(blocks, BlockKind.Paragraph, LeafText(leaf));
                break;
        }
    }

    private static string LeafText(LeafBlock leaf) =>
        leaf.Inline is not null ? InlineText(leaf.Inline) : string.Join('\n', leaf.Lines.Lines.Take(leaf.Lines.Count).Select(l => l.ToString()));

    private static void Add(List<DocumentBlock> blocks, BlockKind kind, string text, int level = 0)
    {
        var trimmed = text.Trim();
        if (trimmed.Length > 0)
        {
            blocks.Add(new DocumentBlock(kind, trimmed, null, level));
        }
    }

    private static string InlineText(ContainerInline? inline)
    {
        if (inline is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        foreach (var node in inline.Descendants())
        {
            switch (node)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case HtmlEntityInline entity:
                    // "R&amp;D" reads "R&D", as a browser shows it (the web viewer slugs headings from what it shows).
                    text.Append(entity.Transcoded.ToString());
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
            }
        }

        return text.ToString();
    }
}
