using KnowledgeBase.Core.Caching;

namespace KnowledgeBase.Tests.Unit.Caching;

public sealed class QuestionTextTests
{
    [Fact]
    public void Case_spacing_and_end_punctuation_do_not_change_the_exact_key()
    {
        Assert.Equal(QuestionText.Normalise("How much is the FlexFit allowance?"), QuestionText.Normalise("  how much  is the flexfit\tALLOWANCE "));
        Assert.NotEqual(QuestionText.Normalise("Is it paid?"), QuestionText.Normalise("Is it not paid?"));
        Assert.Equal(64, QuestionText.Hash("x").Length);
    }

    [Theory]
    [InlineData("How many vacation days do I get?", "en")]
    [InlineData("Wie viele Urlaubstage habe ich?", "de")]
    [InlineData("Combien de jours de congé ai-je pour le mois?", "fr")]
    [InlineData("Сколько дней отпуска?", "cyrl")]
    [InlineData("有多少天假期？", "zh")]
    public void The_language_tag_separates_languages(string question, string language) =>
        Assert.Equal(language, QuestionLanguage.Of(question));
}
