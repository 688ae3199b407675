using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace SampleDocs.PdfGen;

/// <summary>
/// Reads PDFs back with PdfPig and checks that the text extracts cleanly: words separated by spaces,
/// lines separated by newlines, a running footer on every page, and reports which pages mention FlexFit.
/// </summary>
internal static class PdfVerifier
{
    private const int MaxPlausibleWordLength = 40;

    public static bool VerifyDirectory(string dir, bool full, TextWriter output)
    {
        var files = Directory.GetFiles(dir, "*.pdf").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            output.WriteLine($"FAIL: no PDFs in {dir}");
            return false;
        }

        var ok = true;
        foreach (var file in files)
        {
            ok &= VerifyFile(file, full, output);
        }

        output.WriteLine(ok ? "verify: OK" : "verify: FAILED");
        return ok;
    }

    private static bool VerifyFile(string file, bool full, TextWriter output)
    {
        var ok = true;
        using var document = PdfDocument.Open(file);
        var title = document.Information.Title ?? "?";
        output.WriteLine($"== {Path.GetFileName(file)}: \"{title}\", {document.NumberOfPages} pages");

        var flexFitPages = new List<int>();
        foreach (var page in document.GetPages())
        {
            var text = ContentOrderTextExtractor.GetText(page);
            var lines = text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var firstLine = lines.Length > 0 ? lines[0] : string.Empty;
            output.WriteLine($"  p{page.Number} ({lines.Length} lines): {Truncate(text.ReplaceLineEndings(" | "), 80)}");

            if (page.Text.Contains("FlexFit", StringComparison.Ordinal))
            {
                flexFitPages.Add(page.Number);
            }

            var expectedFooter = PdfRenderer.Footer(title, page.Number);
            if (!lines.Contains(expectedFooter))
            {
                output.WriteLine($"    FAIL: footer line \"{expectedFooter}\" not found");
                ok = false;
            }

            if (firstLine.StartsWith(PdfRenderer.FooterPrefix, StringComparison.Ordinal) || firstLine.Length == 0)
            {
                output.WriteLine("    FAIL: page does not start with a heading line");
                ok = false;
            }

            if (lines.Length < 5)
            {
                output.WriteLine("    FAIL: fewer than 5 lines extracted (lines are not separated?)");
                ok = false;
            }

            var longWords = text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
                .Where(w => w.Length > MaxPlausibleWordLength)
                .ToList();
            if (longWords.Count > 0)
            {
                output.WriteLine($"    FAIL: words run together, e.g. \"{Truncate(longWords[0], 60)}\"");
                ok = false;
            }

            if (full)
            {
                output.WriteLine("    ---");
                foreach (var line in lines)
                {
                    output.WriteLine($"    {line}");
                }

                output.WriteLine("    ---");
            }
        }

        if (flexFitPages.Count > 0)
        {
            output.WriteLine($"  page.Text contains \"FlexFit\" on page(s): {string.Join(", ", flexFitPages)}");
        }

        return ok;
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max] + "...";
}
