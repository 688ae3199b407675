using KnowledgeBase.Core.Retrieval;

namespace KnowledgeBase.Tests.Unit.Retrieval;

public sealed class PassageWindowTests
{
    private static Func<int, NeighbourChunk?> Document(params (int Tokens, double Similarity)[] chunks) =>
        o => o >= 0 && o < chunks.Length ? new NeighbourChunk(o, chunks[o].Tokens, chunks[o].Similarity) : null;

    [Fact]
    public void Widens_towards_the_neighbour_more_similar_to_the_query()
    {
        var chunks = Document((200, 0.1), (200, 0.6), (200, 0.9), (200, 0.3), (200, 0.2));

        Assert.Equal((1, 2), PassageWindow.Widen(2, 2, 200, chunks, budgetTokens: 450));
    }

    [Fact]
    public void Stops_at_the_token_budget_and_at_the_documents_ends()
    {
        var chunks = Document((100, 0.5), (100, 0.9), (100, 0.4));

        Assert.Equal((0, 2), PassageWindow.Widen(1, 1, 100, chunks, budgetTokens: 10_000));
        Assert.Equal((1, 1), PassageWindow.Widen(1, 1, 100, chunks, budgetTokens: 150));
    }

    [Fact]
    public void Takes_the_other_side_when_the_better_neighbour_does_not_fit()
    {
        var chunks = Document((400, 0.9), (100, 0.5), (100, 0.1));

        Assert.Equal((1, 2), PassageWindow.Widen(1, 1, 100, chunks, budgetTokens: 300));
    }

    [Fact]
    public void Leaves_a_passage_already_over_budget_as_it_is()
    {
        var chunks = Document((100, 0.5), (300, 0.9), (300, 0.9), (100, 0.4));

        Assert.Equal((1, 2), PassageWindow.Widen(1, 2, 600, chunks, budgetTokens: 512));
    }
}
