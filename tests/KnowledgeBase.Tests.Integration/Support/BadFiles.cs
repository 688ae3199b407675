using System.IO.Compression;
using System.Text;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>Hostile and broken inputs, built from real formats.</summary>
internal static class BadFiles
{
    public static byte[] Pdf(params string[] lines)
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var y = 780.0;
        foreach (var line in lines)
        {
            page.AddText(line, 11, new UglyToad.PdfPig.Core.PdfPoint(50, y), font);
            y -= 16;
        }

        return builder.Build();
    }

    /// <summary>A PDF whose trailer declares standard encryption with unknown passwords.</summary>
    public static byte[] EncryptedPdf()
    {
        var text = Encoding.Latin1.GetString(Pdf("Confidential salary bands for 2026."));
        var trailer = text.LastIndexOf("trailer", StringComparison.Ordinal);
        var insertAt = text.IndexOf("<<", trailer, StringComparison.Ordinal) + 2;
        const string encrypt = " /Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /O <AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA> /U <BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB> /P -44 >> ";
        return Encoding.Latin1.GetBytes(text[..insertAt] + encrypt + text[insertAt..]);
    }

    public static byte[] ImageOnlyPdf()
    {
        var builder = new UglyToad.PdfPig.Writer.PdfDocumentBuilder();
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        return builder.Build();
    }

    /// <summary>A ZIP named .docx whose document part expands to 300 MB of zeros (about 300 KB compressed).</summary>
    public static byte[] ZipBomb()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("[Content_Types].xml").Open().Dispose();
            using var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 300; i++)
            {
                entry.Write(zeros);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] Zip(string entryName, string content)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry(entryName).Open());
            writer.Write(content);
        }

        return buffer.ToArray();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
