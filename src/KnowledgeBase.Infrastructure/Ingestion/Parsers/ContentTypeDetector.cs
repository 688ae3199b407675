using System.Text;

namespace KnowledgeBase.Infrastructure.Ingestion.Parsers;

/// <summary>
/// Decides the format from the bytes first and the file name second, so a renamed file is parsed
/// for what it is and a binary file named .txt is refused rather than indexed as garbage.
/// </summary>
public static class ContentTypeDetector
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static string Detect(ReadOnlySpan<byte> content, string fileName)
    {
        if (content.IsEmpty)
        {
            throw new DocumentRejectedException("The file is empty (0 bytes).");
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (content.StartsWith("%PDF-"u8))
        {
            return ContentTypes.Pdf;
        }

        if (content.StartsWith("PK\x03\x04"u8))
        {
            return extension == ".docx"
                ? ContentTypes.Docx
                : throw new DocumentRejectedException($"Unsupported file type: a ZIP archive named '{extension}'. Supported: PDF, DOCX, Markdown, HTML, TXT, CSV, JSON.");
        }

        var utf16 = content is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..];
        if (!utf16 && !LooksLikeText(content))
        {
            throw new DocumentRejectedException(
                $"Unsupported file type '{(extension.Length > 0 ? extension : "(none)")}': the content is binary. Supported: PDF, DOCX, Markdown, HTML, TXT, CSV, JSON.");
        }

        if (extension == ".pdf")
        {
            throw new DocumentRejectedException("The file is named .pdf but is not a PDF (no %PDF header).");
        }

        var head = TextDecoding.Decode(content[..Math.Min(content.Length, 512)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return extension switch
        {
            ".md" or ".markdown" => ContentTypes.Markdown,
            ".html" or ".htm" => ContentTypes.Html,
            ".csv" => ContentTypes.Csv,
            ".json" or ".jsonl" or ".ndjson" => ContentTypes.Json,
            _ when head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase) => ContentTypes.Html,
            ".txt" or ".text" or ".log" or ".yaml" or ".yml" or "" => ContentTypes.PlainText,
            _ => throw new DocumentRejectedException(
                $"Unsupported file type '{extension}'. Supported: PDF, DOCX, Markdown, HTML, TXT, CSV, JSON."),
        };
    }

    /// <summary>Text when it has no NUL bytes in its first 8 KB and decodes as UTF-8 (or is mostly printable Latin-1).</summary>
    private static bool LooksLikeText(ReadOnlySpan<byte> content)
    {
        var sample = content[..Math.Min(content.Length, 8192)];
        if (sample.Contains((byte)0))
        {
            return false;
        }

        try
        {
            // A multi-byte sequence may be cut at the sample's end; trim up to 3 bytes before judging.
            StrictUtf8.GetCharCount(TrimPartialUtf8(sample));
            return true;
        }
        catch (DecoderFallbackException)
        {
            var control = 0;
            foreach (var b in sample)
            {
                if (b < 0x09 || (b > 0x0D && b < 0x20))
                {
                    control++;
                }
            }

            return control <= sample.Length / 100;
        }
    }

    private static ReadOnlySpan<byte> TrimPartialUtf8(ReadOnlySpan<byte> sample)
    {
        var end = sample.Length;
        for (var i = 1; i <= 3 && end - i >= 0; i++)
        {
            var b = sample[end - i];
            if ((b & 0xC0) == 0xC0)
            {
                return sample[..(end - i)];
            }

            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        return sample;
    }
}
