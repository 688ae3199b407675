using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using KnowledgeBase.Core.Documents;
using KnowledgeBase.Infrastructure.Ingestion;
using KnowledgeBase.Infrastructure.Ingestion.Parsers;
using KnowledgeBase.Tests.Shared;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Tests.Unit.Ingestion;

/// <summary>Files built to keep a parser busy, eat memory or overflow the stack are refused with a reason, quickly.</summary>
public sealed class ParserBoundsTests
{
    [Fact]
    public void Html_nested_deeper_than_the_limit_is_refused_without_walking_it()
    {
        var depth = 200_000;
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", depth)) + "deep text" + string.Concat(Enumerable.Repeat("</div>", depth)) + "</body></html>";
        var timer = Stopwatch.StartNew();

        var error = Assert.Throws<DocumentRejectedException>(() => new HtmlParser().Parse(Encoding.UTF8.GetBytes(html), "deep.html", CancellationToken.None));

        Assert.Equal($"The HTML page nests its elements more than {HtmlParser.MaxDepth} levels deep; it was refused.", error.Message);
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(10), $"took {timer.Elapsed}: the tags alone are enough to refuse it");
    }

    [Fact]
    public void Sloppy_but_shallow_html_is_not_mistaken_for_deep_nesting()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<p>Para<br><img src=x><li>Item<input/><!-- <div> -->", 2000))
            + "<script>" + string.Concat(Enumerable.Repeat("<div>", 1000)) + "</script><p>The end.</p></body></html>";

        var parsed = new HtmlParser().Parse(Encoding.UTF8.GetBytes(html), "sloppy.html", CancellationToken.None);

        Assert.EndsWith("The end.", parsed.Blocks[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_blocks_inside_list_items_are_read_once_with_their_item()
    {
        const string html = "<body><ul><li><p>Bikes</p> <p>park in the yard</p></li></ul><table><tr><td>Gym</td><td>600</td></tr></table><p>End.</p></body>";

        var parsed = new HtmlParser().Parse(Encoding.UTF8.GetBytes(html), "list.html", CancellationToken.None);

        Assert.Equal(["Bikes park in the yard", "Gym | 600", "End."], parsed.Blocks.Select(b => b.Text));
        Assert.Equal([BlockKind.ListItem, BlockKind.TableRow, BlockKind.Paragraph], parsed.Blocks.Select(b => b.Kind));
    }

    [Fact]
    public void A_pdf_whose_streams_inflate_beyond_the_limit_is_refused_before_pdfpig_reads_it()
    {
        var parser = new PdfParser(new PdfStreamGuard { MaxStreamBytes = 1024 * 1024, MaxExpandedBytes = 4 * 1024 * 1024 });
        var bomb = PdfWithFlateStream(new byte[8 * 1024 * 1024]);

        var error = Assert.Throws<DocumentRejectedException>(() => parser.Parse(bomb, "bomb.pdf", CancellationToken.None));

        Assert.Contains("expands to more than 1 MB; it looks like a decompression bomb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_pdf_streams_count_together()
    {
        var guard = new PdfStreamGuard { MaxStreamBytes = 1024 * 1024, MaxExpandedBytes = 2 * 1024 * 1024 };
        var pdf = PdfWithFlateStream(new byte[900 * 1024], new byte[900 * 1024], new byte[900 * 1024]);

        var error = Assert.Throws<DocumentRejectedException>(() => guard.Inspect(pdf, CancellationToken.None));

        Assert.Contains("expand to more than 2 MB together", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ordinary_pdf_passes_the_stream_guard()
    {
        var pdf = TestPdf.Build(["Travel", "Book trains for trips under four hours."]);

        new PdfStreamGuard { MaxExpandedBytes = 1024 * 1024 }.Inspect(pdf, CancellationToken.None);
    }

    [Fact]
    public async Task A_parser_that_runs_past_the_budget_fails_the_file_for_good()
    {
        var step = new ParseStep([new EndlessParser()], Options.Create(new IngestionOptions { MaxParseSeconds = 1 }), TimeProvider.System);

        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() => step.RunAsync(new ParseInput(new byte[] { 1 }, "slow.txt", ContentTypes.PlainText), CancellationToken.None));

        Assert.Equal("Reading the file took longer than 1 s (Ingestion:MaxParseSeconds); it is too large or too complex to ingest.", error.Message);
    }

    [Fact]
    public async Task Parsed_text_comes_out_without_what_postgresql_refuses()
    {
        var step = new ParseStep([new PlainTextParser()], Options.Create(new IngestionOptions()), TimeProvider.System);
        var text = "Title\0 line\n\nBody with a NUL\0 and a lone \uD800 surrogate.\n\n\0\0";

        var parsed = await step.RunAsync(new ParseInput(Encoding.UTF8.GetBytes(text), "nul.txt", ContentTypes.PlainText), CancellationToken.None);

        Assert.DoesNotContain(parsed.Blocks, b => b.Text.Contains('\0', StringComparison.Ordinal) || b.Text.Length == 0);
        Assert.DoesNotContain('\0', parsed.Title);
        Assert.Contains(parsed.Blocks, b => b.Text.Contains("Body with a NUL and a lone", StringComparison.Ordinal));
    }

    /// <summary>A minimal PDF body with one object per payload, each a FlateDecode stream of it.</summary>
    private static byte[] PdfWithFlateStream(params byte[][] payloads)
    {
        using var pdf = new MemoryStream();
        pdf.Write("%PDF-1.4\n"u8);
        for (var i = 0; i < payloads.Length; i++)
        {
            using var compressed = new MemoryStream();
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                zlib.Write(payloads[i]);
            }

            pdf.Write(Encoding.ASCII.GetBytes($"{i + 1} 0 obj\n<< /Length {compressed.Length} /Filter /FlateDecode >>\nstream\n"));
            pdf.Write(compressed.ToArray());
            pdf.Write("\nendstream\nendobj\n"u8);
        }

        pdf.Write("trailer\n<< >>\n%%EOF\n"u8);
        return pdf.ToArray();
    }

    private sealed class EndlessParser : IDocumentParser
    {
        public bool CanParse(string contentType) => true;

        public ParsedDocument Parse(ReadOnlyMemory<byte> content, string sourceName, CancellationToken cancellationToken)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Thread.Sleep(10);
            }
        }
    }
}
