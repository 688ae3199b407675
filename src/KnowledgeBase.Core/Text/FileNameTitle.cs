namespace KnowledgeBase.Core.Text;

/// <summary>
/// A readable title from a file name, for documents that carry none of their own: "onboarding-faq.txt" →
/// "Onboarding FAQ", "benefits_guide_2025.pdf" → "Benefits Guide 2025". Words already written with capitals
/// (FlexFit, README) and tokens with digits (ae4942bb, v2) stay as they are.
/// </summary>
public static class FileNameTitle
{
    public const string Untitled = "Untitled";

    // Short words people write in capitals; a file name in lower case loses them.
    private static readonly HashSet<string> Acronyms = new(StringComparer.OrdinalIgnoreCase)
    {
        "faq", "it", "hr", "api", "pdf", "csv", "json", "html", "xml", "sla", "kpi", "okr", "ceo", "cfo", "cto", "coo", "eu", "uk",
        "gdpr", "vpn", "sso", "mfa", "id", "qa", "ui", "ux", "ai", "ml", "sop", "nda", "rfp", "pto", "q1", "q2", "q3", "q4", "usa",
        "iso", "aws", "gcp", "sql", "hse", "esg", "crm", "erp",
    };

    // Small words stay lower case inside a title ("Code of Conduct"), never first.
    private static readonly HashSet<string> MinorWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or", "per", "the", "to", "via", "vs", "with",
    };

    public static string From(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName.Replace('\\', '/').Split('/')[^1]);
        var words = name.Split([' ', '_', '-', '.', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return Untitled;
        }

        return string.Join(' ', words.Select((w, i) => Word(w, first: i == 0)));
    }

    private static string Word(string word, bool first)
    {
        if (!word.Any(char.IsUpper))
        {
            if (Acronyms.Contains(word))
            {
                return word.ToUpperInvariant();
            }

            // "faqs" → "FAQs"; not two-letter ones ("its", "ids" are words).
            if (word.Length > 3 && word[^1] == 's' && Acronyms.Contains(word[..^1]))
            {
                return word[..^1].ToUpperInvariant() + "s";
            }
        }

        // Capitals or digits already: a name, an acronym or a code the author wrote that way.
        if (!word.All(char.IsLower))
        {
            return word;
        }

        return !first && MinorWords.Contains(word) ? word : char.ToUpperInvariant(word[0]) + word[1..];
    }
}
