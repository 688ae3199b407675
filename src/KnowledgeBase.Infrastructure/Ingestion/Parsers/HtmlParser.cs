using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using KnowledgeBase.Core.Documents;
using KnowledgeBase.Infrastructure.Guardrails;

namespace KnowledgeBase.Infrastructure.Ingestion.Parsers;

/// <summary>
/// HTML through AngleSharp: scripts, styles and navigation dropped; text a browser would not show (hidden by the
/// page's own markup, see <see cref="HiddenHtml"/>) dropped with a warning; headings, paragraphs, list items and
/// table rows kept. Work is bounded: a page nesting elements deeper than <see cref="MaxDepth"/> is
/// refused from its tags before a tree is built (<see cref="HtmlNesting"/>) and again from the tree
/// (what the tags alone miss), the tree is built under the caller's cancellation (the parse budget),
/// and its own walks are iterative and linear.
/// </summary>
public sealed class HtmlParser : IDocumentParser
{
    /// <summary>Far deeper than real pages; deep enough nesting makes tree walks quadratic or overflow the stack.</summary>
    public const int MaxDepth = 256;

    private static readonly HashSet<string> Dropped = ["script", "style", "noscript", "nav", "header", "footer", "aside", "template", "svg", "form", "iframe"];

    private static readonly HashSet<string> Blocks = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "pre", "blockquote", "dt", "dd"];

    /// <summary>Elements read with everything inside them: a matching element within them is not a block of its own (rows excepted).</summary>
    private static readonly HashSet<string> Containers = ["li", "tr", "blockquote", "pre"];

    public bool CanParse(string contentType) => contentType == ContentTypes.Html;

    public ParsedDocument Parse(ReadOnlyMemory<byte> content, string sourceName, CancellationToken cancellationToken)
    {
        var html = TextDecoding.Decode(content.Span);
        if (HtmlNesting.Exceeds(html, MaxDepth))
        {
            throw TooDeep();
        }

        var parser = new AngleSharp.Html.Parser.HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var document = parser.ParseDocumentAsync(html, cancellationToken).GetAwaiter().GetResult();
        var root = document.Body ?? document.DocumentElement;
        CheckDepth(document.DocumentElement, cancellationToken);
        var warnings = HiddenHtml.Remove(root);
        var blocks = Read(root, cancellationToken);
        if (blocks.Count == 0)
        {
            var fallback = Normalize(string.Concat(TextNodes(root)));
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

    private static void CheckDepth(IElement root, CancellationToken cancellationToken)
    {
        var stack = new Stack<(IElement Element, int Depth)>();
        stack.Push((root, 0));
        while (stack.TryPop(out var item))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (item.Depth > MaxDepth)
            {
                throw TooDeep();
            }

            foreach (var child in item.Element.Children)
            {
                stack.Push((child, item.Depth + 1));
            }
        }
    }

    /// <summary>The blocks in document order, in one depth-first walk with an explicit stack.</summary>
    private static List<DocumentBlock> Read(IElement root, CancellationToken cancellationToken)
    {
        var blocks = new List<DocumentBlock>();
        var stack = new Stack<(IElement Element, bool InContainer)>();
        stack.Push((root, false));
        while (stack.TryPop(out var item))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (element, inContainer) = item;
            var name = element.LocalName;
            if (Dropped.Contains(name))
            {
                continue;
            }

            if (IsBlock(element) && (name == "tr" || !inContainer) && BlockOf(element) is { } block)
            {
                blocks.Add(block);
            }

            var children = element.Children;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push((children[i], inContainer || Containers.Contains(name)));
            }
        }

        return blocks;
    }

    private static bool IsBlock(IElement element) =>
        Blocks.Contains(element.LocalName) || (element.LocalName == "td" && element.ParentElement?.ChildElementCount == 1);

    private static DocumentBlock? BlockOf(IElement element)
    {
        var (kind, level) = element.LocalName switch
        {
            ['h', var digit] when char.IsDigit(digit) => (BlockKind.Heading, digit - '0'),
            "li" or "dt" or "dd" => (BlockKind.ListItem, 0),
            "tr" => (BlockKind.TableRow, 0),
            _ => (BlockKind.Paragraph, 0),
        };
        var text = kind == BlockKind.TableRow
            ? string.Join(" | ", element.Children.Where(c => c.LocalName is "td" or "th").Select(c => Normalize(string.Concat(TextNodes(c)))))
            : Normalize(string.Concat(TextNodes(element)));
        return text.Length > 0 ? new DocumentBlock(kind, text, null, level) : null;
    }

    /// <summary>The element's text in document order, without the dropped elements' (their scripts and menus are not content).</summary>
    private static IEnumerable<string> TextNodes(INode node)
    {
        var stack = new Stack<INode>();
        stack.Push(node);
        while (stack.TryPop(out var current))
        {
            if (current is IText text)
            {
                yield return text.Data;
            }
            else if (current is not IElement element || !Dropped.Contains(element.LocalName))
            {
                var children = current.ChildNodes;
                for (var i = children.Length - 1; i >= 0; i--)
                {
                    stack.Push(children[i]);
                }
            }
        }
    }

    private static DocumentRejectedException TooDeep() =>
        new($"The HTML page nests its elements more than {MaxDepth} levels deep; it was refused.");

    private static string Normalize(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
