using KnowledgeBase.Infrastructure.Ingestion.Parsers;
using KnowledgeBase.Tests.Shared;

namespace KnowledgeBase.Tests.Unit.Ingestion;

public sealed class PdfParserTests
{
    private readonly PdfParser parser = new();

    [Fact]
    public void Every_paragraph_carries_its_page_number()
    {
        var pdf = TestPdf.Build(["Travel", "Book trains for trips under four hours."], ["Hotels", "The London hotel cap is 230 EUR per night."]);

        var parsed = parser.Parse(pdf, "travel.pdf", CancellationToken.None);

        Assert.Equal(2, parsed.PageCount);
        Assert.Contains(parsed.Blocks, b => b.Page == 2 && b.Text.Contains("230 EUR", StringComparison.Ordinal));
        Assert.Contains(parsed.Blocks, b => b.Page == 1 && b.Text.Contains("trains", StringComparison.Ordinal));
    }

    [Fact]
    public void Running_footers_are_removed_and_hyphenation_rejoined()
    {
        string[] topics = ["trains", "hotels", "meals", "taxis"];
        var pages = topics.Select((topic, i) => new[]
        {
            $"Section about {topic}",
            $"This paragraph about {topic} is long enough to wrap onto a second line and it covers reim-",
            $"bursement of {topic} costs for every employee who travels for business purposes.",
            $"Lumen Robotics - Travel Policy - page {i + 1}",
        }).ToArray();

        var parsed = parser.Parse(TestPdf.Build(pages), "travel.pdf", CancellationToken.None);

        Assert.DoesNotContain(parsed.Blocks, b => b.Text.Contains("Travel Policy - page", StringComparison.Ordinal));
        Assert.Contains(parsed.Blocks, b => b.Text.Contains("reimbursement", StringComparison.Ordinal));
    }

    [Fact]
    public void A_page_without_text_is_reported_as_a_warning()
    {
        var parsed = parser.Parse(TestPdf.Build(["Some text on page one."], [], ["More text on page three."]), "scan.pdf", CancellationToken.None);

        var warning = Assert.Single(parsed.Warnings);
        Assert.Contains("Page 2 has no extractable text", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_without_any_text_is_rejected_with_a_reason()
    {
        var error = Assert.Throws<DocumentRejectedException>(() => parser.Parse(TestPdf.Build([], []), "scan.pdf", CancellationToken.None));

        Assert.Contains("no extractable text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_pdf_is_rejected_with_a_reason()
    {
        var pdf = TestPdf.Build(["Hello world, this is a page."]);
        var truncated = pdf[..(pdf.Length / 3)];

        var error = Assert.Throws<DocumentRejectedException>(() => parser.Parse(truncated, "broken.pdf", CancellationToken.None));

        Assert.Contains("PDF", error.Message, StringComparison.Ordinal);
    }
}
