using System.Text;
using KnowledgeBase.Core.Documents;
using KnowledgeBase.Infrastructure.Ingestion.Parsers;

namespace KnowledgeBase.Tests.Unit.Ingestion;

public sealed class TextFormatParserTests
{
    private static ReadOnlyMemory<byte> Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Markdown_headings_lists_and_tables_become_blocks()
    {
        const string markdown = """
            # Handbook

            Intro paragraph.

            ## Leave

            - Vacation: 25 days
            - Parental leave: 16 weeks

            | Item | Limit |
            |------|-------|
            | Gym  | 600   |
            """;

        var parsed = new MarkdownParser().Parse(Utf8(markdown), "handbook.md", CancellationToken.None);

        Assert.Equal("Handbook", parsed.Title);
        Assert.Contains(parsed.Blocks, b => b is { Kind: BlockKind.Heading, Level: 2, Text: "Leave" });
        Assert.Contains(parsed.Blocks, b => b is { Kind: BlockKind.ListItem, Text: "Vacation: 25 days" });
        Assert.Contains(parsed.Blocks, b => b is { Kind: BlockKind.TableRow, Text: "Gym | 600" });
    }

    [Fact]
    public void Html_drops_scripts_styles_and_navigation()
    {
        const string html = """
            <html><head><title>Security Policy</title><style>p { color: red }</style></head>
            <body><nav><a href="/">Home</a> Menu</nav><script>var secret = "SCRIPT TEXT";</script>
            <h1>Passwords</h1><p>Use at least 14 characters.</p>
            <table><tr><th>Rule</th><th>Value</th></tr><tr><td>MFA</td><td>Mandatory</td></tr></table>
            </body></html>
            """;

        var parsed = new HtmlParser().Parse(Utf8(html), "policy.html", CancellationToken.None);
        var all = string.Join('\n', parsed.Blocks.Select(b => b.Text));

        Assert.Equal("Security Policy", parsed.Title);
        Assert.DoesNotContain("SCRIPT TEXT", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Menu", all, StringComparison.Ordinal);
        Assert.DoesNotContain("color", all, StringComparison.Ordinal);
        Assert.Contains(parsed.Blocks, b => b is { Kind: BlockKind.Heading, Level: 1, Text: "Passwords" });
        Assert.Contains(parsed.Blocks, b => b is { Kind: BlockKind.TableRow, Text: "MFA | Mandatory" });
    }

    [Fact]
    public void Plain_text_paragraphs_are_split_on_blank_lines_and_latin1_is_read()
    {
        var bytes = Encoding.Latin1.GetBytes("Caf\u00e9 rules.\nStill the same paragraph.\n\nSecond paragraph.");

        var parsed = new PlainTextParser().Parse(bytes, "notes.txt", CancellationToken.None);

        Assert.Equal(["Café rules. Still the same paragraph.", "Second paragraph."], parsed.Blocks.Select(b => b.Text));
        Assert.Equal("Notes", parsed.Title);
    }

    [Fact]
    public void Byte_order_marks_are_honoured_for_utf8_and_utf16()
    {
        byte[] utf8 = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Grüße aus Köln.")];
        byte[] utf16 = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("Grüße aus Köln.")];

        Assert.Equal("Grüße aus Köln.", new PlainTextParser().Parse(utf8, "a.txt", CancellationToken.None).Blocks.Single().Text);
        Assert.Equal(ContentTypes.PlainText, ContentTypeDetector.Detect(utf16, "b.txt"));
        Assert.Equal("Grüße aus Köln.", new PlainTextParser().Parse(utf16, "b.txt", CancellationToken.None).Blocks.Single().Text);
    }

    [Theory]
    [InlineData("%PDF-1.7 rest", "a.bin", ContentTypes.Pdf)]
    [InlineData("# Title", "a.md", ContentTypes.Markdown)]
    [InlineData("<!DOCTYPE html><html></html>", "page", ContentTypes.Html)]
    [InlineData("<html><body>x</body></html>", "a.txt", ContentTypes.Html)]
    [InlineData("plain words", "a.txt", ContentTypes.PlainText)]
    [InlineData("a,b\n1,2", "a.csv", ContentTypes.Csv)]
    [InlineData("{\"a\":1}", "a.json", ContentTypes.Json)]
    public void Content_type_comes_from_the_bytes_first(string content, string name, string expected)
    {
        Assert.Equal(expected, ContentTypeDetector.Detect(Encoding.UTF8.GetBytes(content), name));
    }

    [Theory]
    [InlineData(new byte[0], "empty.txt", "empty")]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02 }, "program.exe", "binary")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x00, 0x00 }, "notes.txt", "binary")]
    [InlineData(new byte[] { 0x68, 0x65, 0x6C, 0x6C, 0x6F }, "fake.pdf", "not a PDF")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00 }, "archive.zip", "ZIP")]
    [InlineData(new byte[] { 0x68, 0x65, 0x6C, 0x6C, 0x6F }, "slides.pptx", "Unsupported file type")]
    public void Unsupported_or_empty_content_is_rejected_with_a_reason(byte[] content, string name, string reason)
    {
        var error = Assert.Throws<DocumentRejectedException>(() => ContentTypeDetector.Detect(content, name));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
