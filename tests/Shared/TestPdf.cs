using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace KnowledgeBase.Tests.Shared;

/// <summary>
/// Builds real PDFs with PdfPig's writer: one string array of lines per page (an empty array is an
/// image-only page). Compiled into both test projects (linked, not copied).
/// </summary>
internal static class TestPdf
{
    public static byte[] Build(params string[][] pages) => Build(null, pages);

    public static byte[] Build(string? title, params string[][] pages)
    {
        using var builder = new PdfDocumentBuilder();
        if (title is not null)
        {
            builder.DocumentInformation.Title = title;
        }

        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            var y = 800.0;
            foreach (var line in lines)
            {
                page.AddText(line, 11, new PdfPoint(50, y), font);
                y -= 16;
            }
        }

        return builder.Build();
    }
}
