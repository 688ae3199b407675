using System.Text;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>Just enough PromQL handling for the proofs: the metric names an expression reads, and a "data exists" form of a condition.</summary>
public static partial class PromQl
{
    private static readonly HashSet<string> Words =
    [
        "sum", "min", "max", "avg", "count", "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool",
        "rate", "irate", "increase", "histogram_quantile", "scalar", "vector", "clamp_min", "clamp_max", "max_over_time", "min_over_time",
        "avg_over_time", "abs", "absent", "time", "offset", "topk", "bottomk", "inf", "nan", "le",
    ];

    /// <summary>The series names an expression selects (recording rule names keep their colons).</summary>
    public static IReadOnlySet<string> MetricNames(string expr)
    {
        var stripped = Selectors().Replace(Strings().Replace(expr, "\"\""), string.Empty);
        stripped = Grouping().Replace(stripped, string.Empty);
        stripped = Ranges().Replace(stripped, string.Empty);
        return Identifiers().Matches(stripped).Select(m => m.Value).Where(w => !Words.Contains(w.ToLowerInvariant())).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// An alert condition turned into "do the series it compares exist": every comparison outside label
    /// matchers gets the bool modifier, so the query returns 0/1 series whenever its inputs have data.
    /// </summary>
    public static string Relax(string expr)
    {
        var result = new StringBuilder();
        var depth = 0;
        var quoted = false;
        for (var i = 0; i < expr.Length; i++)
        {
            var c = expr[i];
            result.Append(c);
            if (quoted)
            {
                quoted = c != '"' || expr[i - 1] == '\\';
                continue;
            }

            switch (c)
            {
                case '"': quoted = true; continue;
                case '{': depth++; continue;
                case '}': depth--; continue;
            }

            if (depth > 0 || c is not ('>' or '<' or '=' or '!'))
            {
                continue;
            }

            var two = i + 1 < expr.Length && expr[i + 1] == '=';
            if (c is '=' or '!' && !two)
            {
                continue;
            }

            if (two)
            {
                result.Append('=');
                i++;
            }

            if (!expr[(i + 1)..].TrimStart().StartsWith("bool", StringComparison.Ordinal))
            {
                result.Append(" bool");
            }
        }

        return result.ToString();
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex("\\{[^}]*\\}")]
    private static partial Regex Selectors();

    [GeneratedRegex("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)")]
    private static partial Regex Grouping();

    [GeneratedRegex("\\[[^\\]]*\\]")]
    private static partial Regex Ranges();

    [GeneratedRegex("(?<![\\w.])[a-zA-Z_:][a-zA-Z0-9_:]*(?![\\w(])|[a-zA-Z_:][a-zA-Z0-9_:]*(?=\\s*\\{)")]
    private static partial Regex Identifiers();
}
