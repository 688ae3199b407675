using KnowledgeBase.Core.Reporting;

namespace KnowledgeBase.Tests.Unit.Reporting;

public sealed class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\r\nlf", "\"cr\r\nlf\"")]
    [InlineData("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    [InlineData("+1234", "'+1234")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tindent", "'\tindent")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("", "")]
    [InlineData("a = b", "a = b")]
    public void Text_fields_are_quoted_when_needed_and_formulas_neutralised(string value, string expected) =>
        Assert.Equal(expected, Csv.Field(value));

    [Fact]
    public void Money_is_written_without_trailing_zeros_and_never_in_exponent_form() =>
        Assert.Equal("0.0000012,0", Csv.Row(0.00000120m, 0.00000000m).TrimEnd());

    [Fact]
    public void Numbers_dates_and_nulls_are_written_invariantly_and_negative_numbers_stay_numbers()
    {
        var row = Csv.Row(-1.5000m, 42, null, true, new DateTimeOffset(2026, 11, 27, 10, 30, 0, TimeSpan.FromHours(2)));

        Assert.Equal("-1.5,42,,true,2026-11-27T08:30:00Z\r\n", row);
    }
}
