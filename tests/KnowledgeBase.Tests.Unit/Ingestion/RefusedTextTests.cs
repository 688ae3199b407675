using System.Text;
using KnowledgeBase.Infrastructure.Ingestion;
using Npgsql;

namespace KnowledgeBase.Tests.Unit.Ingestion;

public sealed class RefusedTextTests
{
    [Theory]
    [InlineData("54000", "string is too long for tsvector (1048577 bytes, max 1048575 bytes)")]
    [InlineData("22021", "invalid byte sequence for encoding \"UTF8\": 0x00")]
    public void Text_the_database_refuses_is_bad_input_with_a_readable_reason(string sqlState, string message)
    {
        var refused = RefusedText.From(new PostgresException(message, "ERROR", "ERROR", sqlState));

        Assert.NotNull(refused);
        Assert.Equal($"The database refused the document's text ({message}).", refused.Message);
    }

    [Fact]
    public void Text_that_is_not_valid_unicode_is_bad_input() =>
        Assert.NotNull(RefusedText.From(new EncoderFallbackException()));

    [Theory]
    [InlineData("40001")]
    [InlineData("57P01")]
    [InlineData("53300")]
    public void Conflicts_shutdowns_and_busy_servers_are_for_retrying(string sqlState) =>
        Assert.Null(RefusedText.From(new PostgresException("try again", "ERROR", "ERROR", sqlState)));
}
