using System.Text;
using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Infrastructure.Ingestion.Parsers;

internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>UTF-16 by its byte-order mark; UTF-8 when valid (BOM dropped); else Latin-1, so legacy files are read rather than rejected.</summary>
    public static string Decode(ReadOnlySpan<byte> content)
    {
        if (content is [0xFF, 0xFE, ..])
        {
            return Encoding.Unicode.GetString(content[2..(2 + ((content.Length - 2) & ~1))]);
        }

        if (content is [0xFE, 0xFF, ..])
        {
            return Encoding.BigEndianUnicode.GetString(content[2..(2 + ((content.Length - 2) & ~1))]);
        }

        if (content is [0xEF, 0xBB, 0xBF, ..])
        {
            content = content[3..];
        }

        try
        {
            return StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(content);
        }
    }

    /// <summary>A document's title when it has none of its own: its file name, humanised ("onboarding-faq.txt" → "Onboarding FAQ").</summary>
    public static string TitleFromFileName(string sourceName) => FileNameTitle.From(sourceName);
}
