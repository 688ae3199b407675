using KnowledgeBase.Core.Answering;

namespace KnowledgeBase.Tests.Unit.Answering;

public sealed class ModelPriceTests
{
    [Fact]
    public void Costs_input_and_output_tokens_at_their_own_price_per_million()
    {
        var price = new ModelPrice { InputPerMillion = 0.15m, OutputPerMillion = 0.60m };

        // 1,200 × 0.15 / 1e6 + 300 × 0.60 / 1e6 = 0.00018 + 0.00018
        Assert.Equal(0.00036m, price.Cost(new TokenUsage(1200, 300)));
    }

    [Fact]
    public void Rounds_to_a_millionth()
    {
        var price = new ModelPrice { InputPerMillion = 2.5m, OutputPerMillion = 10m };

        Assert.Equal(0.000003m, price.Cost(new TokenUsage(1, 0)));
        Assert.Equal(25m, price.Cost(new TokenUsage(10_000_000, 0)));
    }

    [Fact]
    public void Looks_models_up_case_insensitively_and_charges_nothing_for_unlisted_ones()
    {
        var table = new Dictionary<string, ModelPrice> { ["gpt-4o-mini"] = new() { InputPerMillion = 1m, OutputPerMillion = 2m } };

        Assert.Equal(0.000005m, ModelPrice.CostOf(table, "GPT-4o-mini", new TokenUsage(1, 2)));
        Assert.Equal(0m, ModelPrice.CostOf(table, "llama3.1", new TokenUsage(1000, 1000)));
    }

    [Fact]
    public void Input_served_from_the_providers_prompt_cache_is_charged_at_the_cached_price()
    {
        var price = new ModelPrice { InputPerMillion = 2m, CachedInputPerMillion = 0.5m, OutputPerMillion = 8m };

        Assert.Equal(2m + 0.5m + 8m, price.Cost(new TokenUsage(2_000_000, 1_000_000, CachedInputTokens: 1_000_000)));
        Assert.Equal(new ModelPrice { InputPerMillion = 2m }.Cost(new TokenUsage(4, 0)), new ModelPrice { InputPerMillion = 2m }.Cost(new TokenUsage(4, 0, 4)));
    }

    [Fact]
    public void Input_written_to_the_prompt_cache_is_charged_at_the_cache_write_price_and_the_rest_at_the_input_price()
    {
        // Anthropic: 1,000,000 read (0.3), 1,000,000 written (3.75), 1,000,000 plain (3), 1,000,000 out (15).
        var price = new ModelPrice { InputPerMillion = 3m, CachedInputPerMillion = 0.3m, CacheWriteInputPerMillion = 3.75m, OutputPerMillion = 15m };

        Assert.Equal(0.3m + 3.75m + 3m + 15m, price.Cost(new TokenUsage(3_000_000, 1_000_000, CachedInputTokens: 1_000_000, CacheWriteInputTokens: 1_000_000)));
        Assert.Equal(6m, new ModelPrice { InputPerMillion = 3m }.Cost(new TokenUsage(2_000_000, 0, CacheWriteInputTokens: 1_000_000)));
    }
}
