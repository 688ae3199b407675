using System.Security.Cryptography;
using System.Text;

namespace KnowledgeBase.Core.Caching;

/// <summary>The exact tier's key text: the same question typed with other case, spacing or end punctuation is one key.</summary>
public static class QuestionText
{
    public static string Normalise(string question)
    {
        var text = question.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString().TrimEnd('?', '!', '.', ' ', '"', '\'').TrimStart('"', '\'');
    }

    /// <summary>Lower-case hex SHA-256, for keys stored in the database.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
