namespace KnowledgeBase.Core.Answering;

/// <summary>A model's price in currency units per million tokens, from configuration (providers change prices; code never hard-codes them).</summary>
public sealed class ModelPrice
{
    public decimal InputPerMillion { get; set; }

    public decimal OutputPerMillion { get; set; }

    /// <summary>Input tokens the provider served from its prompt cache (OpenAI cached tokens, Anthropic cache reads); unset: the input price.</summary>
    public decimal? CachedInputPerMillion { get; set; }

    /// <summary>Input tokens the provider wrote to its prompt cache (Anthropic cache creation, 1.25× the input price there); unset: the input price.</summary>
    public decimal? CacheWriteInputPerMillion { get; set; }

    /// <summary>The cost of one call, rounded to a millionth of the unit (a single answer often costs a fraction of a cent).</summary>
    public decimal Cost(TokenUsage usage)
    {
        var cached = Math.Clamp(usage.CachedInputTokens, 0, usage.InputTokens);
        var written = Math.Clamp(usage.CacheWriteInputTokens, 0, usage.InputTokens - cached);
        var input = ((usage.InputTokens - cached - written) * InputPerMillion) + (cached * (CachedInputPerMillion ?? InputPerMillion))
            + (written * (CacheWriteInputPerMillion ?? InputPerMillion));
        return Math.Round((input + (usage.OutputTokens * OutputPerMillion)) / 1_000_000m, 6, MidpointRounding.AwayFromZero);
    }

    /// <summary>The price of <paramref name="model"/> in <paramref name="table"/> (case-insensitive), or free when it is not listed (a local model).</summary>
    public static decimal CostOf(IReadOnlyDictionary<string, ModelPrice> table, string model, TokenUsage usage)
    {
        foreach (var (name, price) in table)
        {
            if (string.Equals(name, model, StringComparison.OrdinalIgnoreCase))
            {
                return price.Cost(usage);
            }
        }

        return 0m;
    }
}
