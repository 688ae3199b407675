using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using KnowledgeBase.Core.Documents;
using KnowledgeBase.Infrastructure;
using KnowledgeBase.Infrastructure.Ingestion;
using KnowledgeBase.Infrastructure.Ingestion.Parsers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace KnowledgeBase.Tests.Unit.Ingestion;

public sealed class DocxParserTests
{
    private readonly DocxParser parser = new();

    [Fact]
    public void Headings_lists_tables_and_paragraphs_come_out_in_document_order()
    {
        var docx = BuildDocx(
            [
                Para("Employee Handbook", style: "Title"),
                Para("Leave", style: "Heading1"),
                Para("Everyone gets paid leave."),
                Para("Vacation: 25 days", numId: 1),
                Para("Parental leave: 16 weeks", style: "ListBullet"),
                Para("Sick leave", style: "berschrift2"),
                Table(["Item", "Limit"], ["Gym", "600 EUR"]),
                Para("   "),
                new SdtBlock(new SdtContentBlock(Para("Inside a content control."))),
                new Paragraph(new Run(new WordText("Tab")), new Run(new TabChar(), new WordText("separated")), new DeletedRun(new Run(new DeletedText("REMOVED")))),
            ],
            title: "HR Handbook");

        var parsed = parser.Parse(docx, "handbook.docx", CancellationToken.None);

        Assert.Equal("HR Handbook", parsed.Title);
        Assert.Null(parsed.PageCount);
        Assert.All(parsed.Blocks, b => Assert.Null(b.Page));
        Assert.Equal(
            [
                new DocumentBlock(BlockKind.Heading, "Employee Handbook", null, 1),
                new DocumentBlock(BlockKind.Heading, "Leave", null, 1),
                new DocumentBlock(BlockKind.Paragraph, "Everyone gets paid leave.", null),
                new DocumentBlock(BlockKind.ListItem, "Vacation: 25 days", null),
                new DocumentBlock(BlockKind.ListItem, "Parental leave: 16 weeks", null),
                new DocumentBlock(BlockKind.Heading, "Sick leave", null, 2),
                new DocumentBlock(BlockKind.TableRow, "Item | Limit", null),
                new DocumentBlock(BlockKind.TableRow, "Gym | 600 EUR", null),
                new DocumentBlock(BlockKind.Paragraph, "Inside a content control.", null),
                new DocumentBlock(BlockKind.Paragraph, "Tab separated", null),
            ],
            parsed.Blocks);
    }

    [Theory]
    [InlineData("Heading1", BlockKind.Heading, 1)]
    [InlineData("heading 1", BlockKind.Heading, 1)]
    [InlineData("HEADING3", BlockKind.Heading, 3)]
    [InlineData("Heading9", BlockKind.Heading, 9)]
    [InlineData("Title", BlockKind.Heading, 1)]
    [InlineData("Heading10", BlockKind.Paragraph, 0)]
    [InlineData("Normal", BlockKind.Paragraph, 0)]
    [InlineData("ListParagraph", BlockKind.ListItem, 0)]
    public void Paragraph_style_ids_are_recognised_without_a_styles_part(string styleId, BlockKind kind, int level)
    {
        var docx = BuildDocx([Para("Some text", style: styleId)], withStyles: false);

        var block = Assert.Single(parser.Parse(docx, "doc.docx", CancellationToken.None).Blocks);

        Assert.Equal((kind, level), (block.Kind, block.Level));
    }

    [Fact]
    public void Numbering_id_zero_turns_a_list_style_back_into_a_paragraph()
    {
        var docx = BuildDocx([Para("Not a bullet", style: "ListBullet", numId: 0)]);

        var block = Assert.Single(parser.Parse(docx, "doc.docx", CancellationToken.None).Blocks);

        Assert.Equal(BlockKind.Paragraph, block.Kind);
    }

    [Fact]
    public void Title_falls_back_to_the_first_heading_and_then_to_the_file_name()
    {
        var withHeading = BuildDocx([Para("Intro text."), Para("Travel Policy", style: "Heading2")]);
        var withoutHeading = BuildDocx([Para("Only body text.")]);

        Assert.Equal("Travel Policy", parser.Parse(withHeading, "x.docx", CancellationToken.None).Title);
        Assert.Equal("Expense Rules 2025", parser.Parse(withoutHeading, "expense_rules-2025.docx", CancellationToken.None).Title);
    }

    [Fact]
    public void A_real_docx_is_detected_as_docx()
    {
        var docx = BuildDocx([Para("Hello")]);

        Assert.Equal(ContentTypes.Docx, ContentTypeDetector.Detect(docx, "report.docx"));
    }

    [Fact]
    public async Task The_ingestion_pipeline_parses_docx_with_the_registered_parser()
    {
        using var services = new ServiceCollection().AddKnowledgeBase(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var docx = BuildDocx([Para("Registered", style: "Heading1")]);

        var parsed = await services.GetRequiredService<ParseStep>().RunAsync(new ParseInput(docx, "r.docx", ContentTypeDetector.Detect(docx, "r.docx")), CancellationToken.None);

        Assert.Equal("Registered", parsed.Title);
    }

    [Fact]
    public void A_document_without_text_is_rejected()
    {
        var docx = BuildDocx([Para(""), Para("  "), Table([" ", ""])]);

        var error = Assert.Throws<DocumentRejectedException>(() => parser.Parse(docx, "empty.docx", CancellationToken.None));

        Assert.Equal("The DOCX file contains no text.", error.Message);
    }

    [Fact]
    public void Random_bytes_after_a_zip_header_are_rejected_with_a_reason()
    {
        var bytes = new byte[4096];
        new Random(42).NextBytes(bytes);
        "PK\x03\x04"u8.CopyTo(bytes);

        var error = Assert.Throws<DocumentRejectedException>(() => parser.Parse(bytes, "broken.docx", CancellationToken.None));

        Assert.StartsWith("The file is not a readable DOCX document (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_document_xml_is_rejected_with_a_reason()
    {
        var zip = BuildZip(("[Content_Types].xml", "<Types/>"u8.ToArray()), ("word/document.xml", "<w:document><unclosed"u8.ToArray()));

        var error = Assert.Throws<DocumentRejectedException>(() => parser.Parse(zip, "broken.docx", CancellationToken.None));

        Assert.StartsWith("The file is not a readable DOCX document (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_without_a_word_document_is_rejected_even_when_named_docx()
    {
        var zip = BuildZip(("notes.txt", "hello"u8.ToArray()), ("xl/workbook.xml", "<workbook/>"u8.ToArray()));
        Assert.Equal(ContentTypes.Docx, ContentTypeDetector.Detect(zip, "notes.docx"));

        var error = Assert.Throws<DocumentRejectedException>(() => parser.Parse(zip, "notes.docx", CancellationToken.None));

        Assert.Contains("is a ZIP archive but not a Word document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_bomb_is_rejected_before_it_is_unpacked()
    {
        // 300 MB of zeros in word/document.xml compresses to a few hundred KB.
        var bomb = BuildZip(("word/document.xml", null), zeros: 300L * 1024 * 1024);
        Assert.True(bomb.Length < 2 * 1024 * 1024, $"bomb is {bomb.Length} bytes");

        var timer = Stopwatch.StartNew();
        var error = Assert.Throws<DocumentRejectedException>(() => parser.Parse(bomb, "bomb.docx", CancellationToken.None));

        Assert.Contains("expands to more than 256 MB", error.Message, StringComparison.Ordinal);
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(1), "the declared sizes alone are enough to refuse it");
    }

    [Fact]
    public void An_entry_compressed_far_beyond_normal_text_is_rejected()
    {
        var bomb = BuildZip(("word/document.xml", null), zeros: 20L * 1024 * 1024);

        var error = Assert.Throws<DocumentRejectedException>(() => parser.Parse(bomb, "bomb.docx", CancellationToken.None));

        Assert.Contains("'word/document.xml' expands to 20 MB from", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 200:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_expanded_size_limit_counts_every_entry()
    {
        var body = Enumerable.Range(0, 400).Select(i => Para($"Paragraph {i} with enough words to take some room in the XML.")).ToArray<OpenXmlElement>();
        var docx = BuildDocx(body);
        var strict = new DocxParser(new ZipArchiveGuard { MaxExpandedBytes = 16 * 1024 });

        Assert.Equal(400, parser.Parse(docx, "long.docx", CancellationToken.None).Blocks.Count);
        var error = Assert.Throws<DocumentRejectedException>(() => strict.Parse(docx, "long.docx", CancellationToken.None));
        Assert.Contains("expands to more than 16 KB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_entries_are_rejected()
    {
        var entries = Enumerable.Range(0, 20).Select(i => ($"word/media/image{i}.bin", (byte[]?)[1, 2, 3]))
            .Append(("word/document.xml", "<w:document/>"u8.ToArray())).ToArray();
        var guard = new ZipArchiveGuard { MaxEntries = 10 };

        var error = Assert.Throws<DocumentRejectedException>(() => guard.Inspect(BuildZip(entries), CancellationToken.None));

        Assert.Contains("21 entries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_directory_that_understates_a_size_cannot_make_the_parser_expand_more()
    {
        // document.xml is followed by 20 MB of (legal) trailing whitespace. Declared honestly, the
        // ratio check refuses it; declared as just the XML, only the declared bytes are ever produced.
        var docx = BuildDocx([Para("Real content", style: "Heading1"), Para("Body text.")]);
        var xml = ReadEntry(docx, ZipArchiveGuard.MainDocumentEntry);
        var padded = RewriteEntry(docx, ZipArchiveGuard.MainDocumentEntry, [.. xml, .. Enumerable.Repeat((byte)' ', 20 * 1024 * 1024)]);

        var honest = Assert.Throws<DocumentRejectedException>(() => parser.Parse(padded, "padded.docx", CancellationToken.None));
        Assert.Contains("it looks like a ZIP bomb", honest.Message, StringComparison.Ordinal);

        DeclareUncompressedSize(padded, ZipArchiveGuard.MainDocumentEntry, (uint)xml.Length);
        var timer = Stopwatch.StartNew();
        var parsed = parser.Parse(padded, "padded.docx", CancellationToken.None);

        Assert.Equal(["Real content", "Body text."], parsed.Blocks.Select(b => b.Text));
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(1), "the padding is never decompressed");
    }

    [Fact]
    public void A_document_nested_deeper_than_the_limit_is_refused_before_the_sdk_reads_it()
    {
        const string w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        var depth = 20_000;
        var xml = $"<w:document xmlns:w=\"{w}\"><w:body>" + string.Concat(Enumerable.Repeat("<w:customXml>", depth))
            + "<w:p><w:r><w:t>deep</w:t></w:r></w:p>" + string.Concat(Enumerable.Repeat("</w:customXml>", depth)) + "</w:body></w:document>";
        var deep = RewriteEntry(BuildDocx([Para("x")]), ZipArchiveGuard.MainDocumentEntry, Encoding.UTF8.GetBytes(xml));

        var error = Assert.Throws<DocumentRejectedException>(() => parser.Parse(deep, "deep.docx", CancellationToken.None));

        Assert.Equal("The DOCX part 'word/document.xml' nests its elements more than 128 levels deep; it was refused.", error.Message);
    }

    [Fact]
    public void A_part_larger_than_the_part_limit_is_refused()
    {
        var body = Enumerable.Range(0, 400).Select(i => Para($"Paragraph {i} with enough words to take some room in the XML.")).ToArray<OpenXmlElement>();
        var strict = new DocxParser(new ZipArchiveGuard { MaxPartBytes = 16 * 1024 });

        var error = Assert.Throws<DocumentRejectedException>(() => strict.Parse(BuildDocx(body), "long.docx", CancellationToken.None));

        Assert.Contains("'word/document.xml' expands to", error.Message, StringComparison.Ordinal);
        Assert.Contains("(at most 16 KB per part are accepted)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_guard_finds_a_main_document_stored_under_another_name()
    {
        const string rels = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/>
            </Relationships>
            """;
        var zip = BuildZip(("_rels/.rels", Encoding.UTF8.GetBytes(rels)), ("word/document2.xml", "<w:document/>"u8.ToArray()));

        Assert.Equal("word/document2.xml", new ZipArchiveGuard().Inspect(zip, CancellationToken.None));
    }

    private static Paragraph Para(string text, string? style = null, int? numId = null)
    {
        var properties = new ParagraphProperties();
        if (style is not null)
        {
            properties.ParagraphStyleId = new ParagraphStyleId { Val = style };
        }

        if (numId is not null)
        {
            properties.NumberingProperties = new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = numId });
        }

        return new Paragraph(properties, new Run(new WordText(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static Table Table(params string[][] rows) =>
        new(rows.Select(cells => new TableRow(cells.Select(c => new TableCell(Para(c))))));

    /// <summary>A real DOCX: main document, styles (Heading1, a German-localized Heading 2 id, Title, List Bullet), numbering, core title.</summary>
    private static byte[] BuildDocx(OpenXmlElement[] body, string? title = null, bool withStyles = true)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(body));
            if (withStyles)
            {
                main.AddNewPart<StyleDefinitionsPart>().Styles = new Styles(
                    ParagraphStyle("Normal", "Normal", isDefault: true),
                    ParagraphStyle("Heading1", "heading 1", basedOn: "Normal"),
                    ParagraphStyle("berschrift2", "heading 2", basedOn: "Normal"),
                    ParagraphStyle("Title", "Title", basedOn: "Normal"),
                    ParagraphStyle("ListBullet", "List Bullet", basedOn: "Normal"));
                main.AddNewPart<NumberingDefinitionsPart>().Numbering = new Numbering(
                    new AbstractNum(new Level(new NumberingFormat { Val = NumberFormatValues.Bullet }, new LevelText { Val = "•" }) { LevelIndex = 0 }) { AbstractNumberId = 0 },
                    new NumberingInstance(new AbstractNumId { Val = 0 }) { NumberID = 1 });
            }

            if (title is not null)
            {
                document.PackageProperties.Title = title;
            }
        }

        return stream.ToArray();
    }

    private static Style ParagraphStyle(string id, string name, string? basedOn = null, bool isDefault = false)
    {
        var style = new Style(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault)
        {
            style.Default = true;
        }

        if (basedOn is not null)
        {
            style.Append(new BasedOn { Val = basedOn });
        }

        return style;
    }

    /// <summary>A ZIP of the given entries; an entry with null content gets <paramref name="zeros"/> zero bytes.</summary>
    private static byte[] BuildZip(params (string Name, byte[]? Content)[] entries) => BuildZip(entries, 0);

    private static byte[] BuildZip((string Name, byte[]? Content) entry, long zeros) => BuildZip([entry], zeros);

    private static byte[] BuildZip((string Name, byte[]? Content)[] entries, long zeros)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entryStream = archive.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                if (content is not null)
                {
                    entryStream.Write(content);
                    continue;
                }

                var chunk = new byte[1024 * 1024];
                for (long written = 0; written < zeros; written += chunk.Length)
                {
                    entryStream.Write(chunk, 0, (int)Math.Min(chunk.Length, zeros - written));
                }
            }
        }

        return stream.ToArray();
    }

    private static byte[] ReadEntry(byte[] zip, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var entry = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        entry.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[] RewriteEntry(byte[] zip, string name, byte[] content)
    {
        using var stream = new MemoryStream();
        stream.Write(zip);
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            archive.GetEntry(name)!.Delete();
            using var entry = archive.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            entry.Write(content);
        }

        return stream.ToArray();
    }

    /// <summary>Overwrites an entry's uncompressed size in its local header and in the central directory, as a forged archive would.</summary>
    private static void DeclareUncompressedSize(byte[] zip, string name, uint size)
    {
        var patched = 0;
        var nameBytes = Encoding.UTF8.GetBytes(name);
        for (var i = 0; i + 46 <= zip.Length; i++)
        {
            var (sizeOffset, nameLengthOffset, nameOffset) = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i)) switch
            {
                0x04034b50 => (22, 26, 30),
                0x02014b50 => (24, 28, 46),
                _ => (0, 0, 0),
            };
            if (sizeOffset > 0
                && BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + nameLengthOffset)) == nameBytes.Length
                && zip.AsSpan(i + nameOffset, nameBytes.Length).SequenceEqual(nameBytes))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + sizeOffset), size);
                patched++;
            }
        }

        Assert.Equal(2, patched);
    }
}
