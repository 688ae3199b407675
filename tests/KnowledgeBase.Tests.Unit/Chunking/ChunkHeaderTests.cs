using KnowledgeBase.Core.Chunking;

namespace KnowledgeBase.Tests.Unit.Chunking;

public sealed class ChunkHeaderTests
{
    [Theory]
    [InlineData("Benefits", "Leave > Parental", "Benefits > Leave > Parental")]
    [InlineData("Benefits", "", "Benefits")]
    [InlineData("", "Leave", "Leave")]
    [InlineData(" ", " ", "")]
    public void The_header_is_title_then_heading_path(string title, string headingPath, string expected) =>
        Assert.Equal(expected, ChunkHeader.Of(title, headingPath));

    [Fact]
    public void Only_the_embedded_text_carries_the_header()
    {
        var chunk = new TextChunk(0, "Vacation is 25 days.", 5, 1, 1, "Leave", "Handbook > Leave");

        Assert.Equal("Handbook > Leave\nVacation is 25 days.", chunk.EmbeddingText);
        Assert.Equal("Vacation is 25 days.", chunk.Text);
    }
}
