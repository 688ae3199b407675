using System.Numerics.Tensors;
using KnowledgeBase.Tests.Unit.Grounding;

namespace KnowledgeBase.Tests.Unit.Embeddings;

/// <summary>The in-process model as the sentence scorer calls it (the real all-MiniLM-L6-v2).</summary>
public sealed class InProcessEmbeddingGeneratorTests(SentenceSupportScorerTests.Model model) : IClassFixture<SentenceSupportScorerTests.Model>
{
    [Fact]
    public async Task Texts_of_mixed_lengths_get_the_vectors_they_get_alone_in_the_order_given()
    {
        string[] texts =
        [
            string.Join(' ', Enumerable.Repeat("The FlexFit fitness allowance gives every employee 600 EUR per calendar year, paid with the salary.", 6)),
            "Parking is free.",
            "Business travel must be approved in advance by your manager.",
        ];

        var together = await model.Generator.GenerateAsync(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            var alone = (await model.Generator.GenerateAsync([texts[i]]))[0].Vector;
            Assert.True(TensorPrimitives.CosineSimilarity(alone.Span, together[i].Vector.Span) > 0.9999, $"text {i}");
        }
    }
}
