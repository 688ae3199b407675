using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>A real multi-page PDF written with PdfPig: one array of lines per page.</summary>
internal static class TestPdf
{
    public static byte[] Build(string title, params string[][] pages)
    {
        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = title;
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            var y = 780.0;
            foreach (var line in lines)
            {
                page.AddText(line, 11, new PdfPoint(56, y), font);
                y -= 16;
            }
        }

        return builder.Build();
    }
}
