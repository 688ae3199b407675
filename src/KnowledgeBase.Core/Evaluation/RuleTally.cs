namespace KnowledgeBase.Core.Evaluation;

/// <summary>One rule's (or one group's) detections on a labelled set.</summary>
public sealed record RuleFigures(string Rule, int TruePositives, int FalseNegatives, int FalsePositives)
{
    /// <summary>Of what the rule acted on, the share it should have (1 when it never acted).</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : Math.Round(TruePositives / (double)(TruePositives + FalsePositives), 4);

    /// <summary>Of what the rule should have caught, the share it caught (null when nothing was expected of it).</summary>
    public double? Recall => TruePositives + FalseNegatives == 0 ? null : Math.Round(TruePositives / (double)(TruePositives + FalseNegatives), 4);
}

/// <summary>Counts, per guardrail rule, expected matches caught or missed and matches nobody expected.</summary>
public sealed class RuleTally
{
    private readonly SortedDictionary<string, (int Tp, int Fn, int Fp)> rules = new(StringComparer.Ordinal);

    /// <summary>A match the case expected: <paramref name="caught"/> when the rule acted and the value was not shown.</summary>
    public void Expected(string rule, bool caught)
    {
        var (tp, fn, fp) = rules.GetValueOrDefault(rule);
        rules[rule] = caught ? (tp + 1, fn, fp) : (tp, fn + 1, fp);
    }

    /// <summary>The rule acted where the case expected nothing of it.</summary>
    public void Unexpected(string rule)
    {
        var (tp, fn, fp) = rules.GetValueOrDefault(rule);
        rules[rule] = (tp, fn, fp + 1);
    }

    public IReadOnlyList<RuleFigures> ByRule => [.. rules.Select(r => new RuleFigures(r.Key, r.Value.Tp, r.Value.Fn, r.Value.Fp))];

    /// <summary>The rules matching <paramref name="member"/> counted together.</summary>
    public RuleFigures Group(string name, Func<string, bool> member)
    {
        var members = rules.Where(r => member(r.Key)).Select(r => r.Value).ToList();
        return new RuleFigures(name, members.Sum(m => m.Tp), members.Sum(m => m.Fn), members.Sum(m => m.Fp));
    }
}
