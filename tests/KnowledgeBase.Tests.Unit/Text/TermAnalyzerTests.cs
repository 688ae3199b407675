using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Tests.Unit.Text;

public sealed class TermAnalyzerTests
{
    [Fact]
    public void Numbers_with_thousands_separators_or_decimals_stay_one_term()
    {
        Assert.Equal(["expense", "1000", "2.5", "day"], TermAnalyzer.Terms("Expense $1,000 or 2.5 days."));
    }

    [Fact]
    public void Stop_words_go_and_plurals_are_stemmed() =>
        Assert.Equal(["vacation", "day", "employee"], TermAnalyzer.Terms("How many vacation days do the employees get?"));
}
