using System.Security.Cryptography;
using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace SampleDocs.PdfGen;

/// <summary>
/// Lays out a <see cref="SourceDocument"/> on A4 pages: one source page per PDF page, a heading line first,
/// word-wrapped body text (one AddText call per line so extractors see clean lines), and a running footer.
/// </summary>
internal static class PdfRenderer
{
    public const string FooterPrefix = "Lumen Robotics \u2014 ";

    private const double MarginLeft = 56;
    private const double MarginRight = 56;
    private const double TopBaseline = 780;
    private const double BottomLimit = 64;
    private const double FooterBaseline = 34;

    private const double HeadingSize = 16;
    private const double SubheadingSize = 12;
    private const double BodySize = 11;
    private const double FooterSize = 9;

    private const double BodyLeading = 14.5;
    private const double GapHeight = 7;
    private const double BulletIndent = 14;
    private const int MaxLineChars = 90;

    public static string Footer(string title, int pageNumber) => $"{FooterPrefix}{title} \u2014 page {pageNumber}";

    public static byte[] Render(SourceDocument document)
    {
        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = document.Title;
        builder.DocumentInformation.Author = "Lumen Robotics";
        builder.DocumentInformation.Creator = "SampleDocs.PdfGen";

        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);

        var pageNumber = 0;
        foreach (var sourcePage in document.Pages)
        {
            pageNumber++;
            var page = builder.AddPage(PageSize.A4);
            var pageWidth = page.PageSize.Width;
            var textWidth = pageWidth - MarginLeft - MarginRight;
            var y = TopBaseline;

            void EnsureRoom()
            {
                if (y < BottomLimit)
                {
                    throw new InvalidOperationException(
                        $"{document.FileStem}: page {pageNumber} ('{sourcePage.Heading}') does not fit on one A4 page; shorten it or split it.");
                }
            }

            void WriteWrapped(string text, double x, double width, double size, PdfDocumentBuilder.AddedFont font, double leading)
            {
                foreach (var line in Wrap(page, text, width, size, font))
                {
                    EnsureRoom();
                    page.AddText(line, size, new PdfPoint(x, y), font);
                    y -= leading;
                }
            }

            WriteWrapped(sourcePage.Heading, MarginLeft, textWidth, HeadingSize, bold, 20);
            y -= 8;

            var previous = BlockKind.Gap;
            foreach (var block in sourcePage.Blocks)
            {
                switch (block.Kind)
                {
                    case BlockKind.Gap:
                        y -= GapHeight;
                        break;
                    case BlockKind.Subheading:
                        if (previous != BlockKind.Gap)
                        {
                            y -= GapHeight;
                        }

                        y -= 3;
                        WriteWrapped(block.Text, MarginLeft, textWidth, SubheadingSize, bold, 17);
                        break;
                    case BlockKind.Bullet:
                        EnsureRoom();
                        page.AddText("-", BodySize, new PdfPoint(MarginLeft + 4, y), regular);
                        WriteWrapped(block.Text, MarginLeft + BulletIndent, textWidth - BulletIndent, BodySize, regular, BodyLeading);
                        break;
                    case BlockKind.Paragraph:
                        WriteWrapped(block.Text, MarginLeft, textWidth, BodySize, regular, BodyLeading);
                        break;
                    default:
                        throw new InvalidOperationException($"unknown block kind {block.Kind}");
                }

                previous = block.Kind;
            }

            var footer = Footer(document.Title, pageNumber);
            var footerWidth = Measure(page, footer, FooterSize, regular);
            page.AddText(footer, FooterSize, new PdfPoint((pageWidth - footerWidth) / 2, FooterBaseline), regular);
        }

        return MakeIdDeterministic(builder.Build());
    }

    /// <summary>
    /// PdfPig writes a random file identifier (<c>/ID [ &lt;hex&gt;&lt;hex&gt; ]</c>) into the trailer, so two runs would
    /// produce different bytes. Replace both halves with a hash of the document (same length, so the cross-reference
    /// offsets stay valid), which keeps the committed PDFs unchanged when nothing in the sources changed.
    /// </summary>
    private static byte[] MakeIdDeterministic(byte[] pdf)
    {
        var marker = Encoding.ASCII.GetBytes("/ID [ <");
        var start = pdf.AsSpan().LastIndexOf(marker);
        if (start < 0)
        {
            return pdf;
        }

        var first = start + marker.Length;
        var firstEnd = Array.IndexOf(pdf, (byte)'>', first);
        if (firstEnd < 0 || firstEnd + 1 >= pdf.Length || pdf[firstEnd + 1] != (byte)'<')
        {
            return pdf;
        }

        var second = firstEnd + 2;
        var secondEnd = Array.IndexOf(pdf, (byte)'>', second);
        if (secondEnd < 0)
        {
            return pdf;
        }

        var result = (byte[])pdf.Clone();
        result.AsSpan(first, firstEnd - first).Fill((byte)'0');
        result.AsSpan(second, secondEnd - second).Fill((byte)'0');
        var hex = Encoding.ASCII.GetBytes(Convert.ToHexString(SHA256.HashData(result)));
        for (var i = first; i < firstEnd; i++)
        {
            result[i] = hex[(i - first) % hex.Length];
        }

        for (var i = second; i < secondEnd; i++)
        {
            result[i] = hex[(i - first) % hex.Length];
        }

        return result;
    }

    /// <summary>Greedy word wrap: at most <see cref="MaxLineChars"/> characters and never wider than <paramref name="width"/>.</summary>
    private static List<string> Wrap(PdfPageBuilder page, string text, double width, double size, PdfDocumentBuilder.AddedFont font)
    {
        var lines = new List<string>();
        var current = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && (candidate.Length > MaxLineChars || Measure(page, candidate, size, font) > width))
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = candidate;
            }
        }

        if (current.Length > 0)
        {
            lines.Add(current);
        }

        return lines;
    }

    private static double Measure(PdfPageBuilder page, string text, double size, PdfDocumentBuilder.AddedFont font)
    {
        var letters = page.MeasureText(text, size, new PdfPoint(0, 0), font);
        return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
    }
}
