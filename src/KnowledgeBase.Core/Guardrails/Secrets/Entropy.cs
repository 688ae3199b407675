namespace KnowledgeBase.Core.Guardrails.Secrets;

/// <summary>Shannon entropy in bits per character: random keys score high (base64 ≈ 4.5–6), words and identifiers low.</summary>
public static class Entropy
{
    public static double Of(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return 0;
        }

        Span<int> counts = stackalloc int[128];
        var other = 0;
        foreach (var c in value)
        {
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                other++;
            }
        }

        double entropy = 0;
        foreach (var n in counts)
        {
            entropy -= n == 0 ? 0 : (double)n / value.Length * Math.Log2((double)n / value.Length);
        }

        return other == 0 ? entropy : entropy - ((double)other / value.Length * Math.Log2((double)other / value.Length));
    }

    /// <summary>Has a digit, a capital and a small letter: what generated keys have and words, paths and hex hashes lack.</summary>
    public static bool MixedClasses(ReadOnlySpan<char> value) =>
        value.IndexOfAnyInRange('0', '9') >= 0 && value.IndexOfAnyInRange('A', 'Z') >= 0 && value.IndexOfAnyInRange('a', 'z') >= 0;
}
