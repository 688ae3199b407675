using System.Text;
using System.Text.RegularExpressions;
using KnowledgeBase.Core.Documents;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace KnowledgeBase.Infrastructure.Ingestion.Parsers;

/// <summary>
/// PDF through PdfPig, page by page in reading order. Lines are joined into paragraphs (line-end
/// hyphenation rejoined); running headers and footers that repeat on most pages are dropped; pages
/// without extractable text are reported, and a PDF with none at all is refused (no OCR). Its streams
/// pass <see cref="PdfStreamGuard"/> first.
/// </summary>
public sealed partial class PdfParser : IDocumentParser
{
    private readonly PdfStreamGuard guard;

    public PdfParser()
        : this(new PdfStreamGuard())
    {
    }

    public PdfParser(PdfStreamGuard guard) => this.guard = guard;

    public bool CanParse(string contentType) => contentType == ContentTypes.Pdf;

    public ParsedDocument Parse(ReadOnlyMemory<byte> content, string sourceName, CancellationToken cancellationToken)
    {
        guard.Inspect(content, cancellationToken);
        PdfDocument pdf;
        try
        {
            pdf = PdfDocument.Open(content.ToArray(), new ParsingOptions { UseLenientParsing = true });
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw new DocumentRejectedException("The PDF is encrypted (password protected); remove the protection and upload it again.", e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new DocumentRejectedException($"The file is not a readable PDF ({e.Message.TrimEnd('.')}).", e);
        }

        using (pdf)
        {
            var pages = new List<List<string>>();
            try
            {
                foreach (var page in pdf.GetPages())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var text = ContentOrderTextExtractor.GetText(page);
                    pages.Add(text.Split('\n').Select(l => Spaces().Replace(l, " ").Trim()).Where(l => l.Length > 0).ToList());
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new DocumentRejectedException($"The PDF is damaged: page {pages.Count + 1} cannot be read ({e.Message.TrimEnd('.')}).", e);
            }

            var warnings = new List<string>();
            var emptyPages = pages.Select((lines, i) => (lines, page: i + 1)).Where(p => p.lines.Count == 0).Select(p => p.page).ToList();
            if (emptyPages.Count == pages.Count)
            {
                throw new DocumentRejectedException(pages.Count == 0
                    ? "The PDF has no pages."
                    : "The PDF has no extractable text (scanned or image-only pages; OCR is not supported).");
            }

            warnings.AddRange(emptyPages.Select(p => $"Page {p} has no extractable text (image only?); it is not searchable."));
            RemoveRunningHeadersAndFooters(pages);

            var blocks = new List<DocumentBlock>();
            for (var i = 0; i < pages.Count; i++)
            {
                blocks.AddRange(Paragraphs(pages[i]).Select(p => new DocumentBlock(BlockKind.Paragraph, p, i + 1)));
            }

            return new ParsedDocument(Title(pdf, sourceName), blocks, pages.Count, warnings);
        }
    }

    private static string Title(PdfDocument pdf, string sourceName)
    {
        var title = pdf.Information.Title?.Trim();
        return string.IsNullOrWhiteSpace(title) || title.Contains(".doc", StringComparison.OrdinalIgnoreCase) || title.Length > 200
            ? TextDecoding.TitleFromFileName(sourceName)
            : title;
    }

    /// <summary>A line among the first or last two of a page that recurs (digits aside) on most pages is furniture, not content.</summary>
    private static void RemoveRunningHeadersAndFooters(List<List<string>> pages)
    {
        var withText = pages.Count(p => p.Count > 0);
        if (withText < 3)
        {
            return;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            foreach (var key in Edges(page).Select(Shape).Distinct())
            {
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        var running = counts.Where(c => c.Value >= Math.Max(3, withText / 2)).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        if (running.Count == 0)
        {
            return;
        }

        foreach (var page in pages)
        {
            var edges = Edges(page).ToHashSet();
            page.RemoveAll(line => edges.Contains(line) && running.Contains(Shape(line)));
        }
    }

    private static IEnumerable<string> Edges(List<string> page) => page.Take(2).Concat(page.Skip(Math.Max(2, page.Count - 2)));

    private static string Shape(string line) => Digits().Replace(line, "#");

    /// <summary>Joins wrapped lines; a short line (or one ending a sentence before a capital) ends a paragraph.</summary>
    private static IEnumerable<string> Paragraphs(List<string> lines)
    {
        if (lines.Count == 0)
        {
            yield break;
        }

        var typical = lines.Select(l => l.Length).OrderBy(l => l).ElementAt(lines.Count * 3 / 4);
        var paragraph = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (paragraph.Length > 0)
            {
                if (paragraph[^1] == '-' && line.Length > 0 && char.IsLower(line[0]) && paragraph.Length > 1 && char.IsLetter(paragraph[^2]))
                {
                    paragraph.Length--;
                }
                else
                {
                    paragraph.Append(' ');
                }
            }

            paragraph.Append(line);
            var next = i + 1 < lines.Count ? lines[i + 1] : null;
            var shortLine = line.Length < typical * 0.6;
            var endsSentence = line.EndsWith('.') || line.EndsWith(':') || line.EndsWith('?') || line.EndsWith('!');
            var nextStartsBlock = next is not null && (char.IsUpper(next[0]) || char.IsDigit(next[0]) || next[0] is '•' or '-' or '*' or '–');
            if (next is null || (shortLine && (endsSentence || nextStartsBlock)) || (shortLine && line.Length < 60 && !endsSentence))
            {
                yield return paragraph.ToString();
                paragraph.Clear();
            }
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
