using KnowledgeBase.Core.Chunking;
using KnowledgeBase.Core.Documents;
using KnowledgeBase.Infrastructure.Embeddings;

namespace KnowledgeBase.Tests.Unit.Chunking;

public sealed class StructureAwareChunkerTests
{
    private static StructureAwareChunker Chunker(int maxTokens = 50, int overlap = 0) =>
        new(new WordCounter(), new ChunkingOptions { MaxTokens = maxTokens, OverlapTokens = overlap });

    private static ParsedDocument Doc(params DocumentBlock[] blocks) => new("Doc", blocks, null, []);

    private static string Words(int count, string word = "word") => string.Join(' ', Enumerable.Repeat(word, count)) + ".";

    [Fact]
    public void Headings_start_a_new_chunk_and_form_the_heading_path()
    {
        var chunks = Chunker().Chunk(Doc(
            new(BlockKind.Heading, "Leave", null, 1),
            new(BlockKind.Paragraph, "Vacation is 25 days.", null),
            new(BlockKind.Heading, "Parental", null, 2),
            new(BlockKind.Paragraph, "Parental leave is 16 weeks.", null),
            new(BlockKind.Heading, "Conduct", null, 1),
            new(BlockKind.Paragraph, "Be kind.", null)));

        Assert.Equal(["Leave", "Leave > Parental", "Conduct"], chunks.Select(c => c.HeadingPath));
        Assert.Equal("Parental leave is 16 weeks.", chunks[1].Text);
        Assert.Equal([0, 1, 2], chunks.Select(c => c.Ordinal));
    }

    [Fact]
    public void Chunks_never_exceed_the_token_limit_including_special_tokens()
    {
        var blocks = Enumerable.Range(0, 30).Select(i => new DocumentBlock(BlockKind.Paragraph, Words(7 + (i % 5)), i / 10 + 1)).ToArray();
        var chunks = Chunker(maxTokens: 40).Chunk(Doc(blocks));

        Assert.True(chunks.Count > 5);
        Assert.All(chunks, c => Assert.True(c.TokenCount <= 38, $"chunk of {c.TokenCount} tokens"));
    }

    [Fact]
    public void Page_span_covers_every_block_in_the_chunk()
    {
        var chunks = Chunker(maxTokens: 100).Chunk(Doc(
            new(BlockKind.Paragraph, Words(10), 3),
            new(BlockKind.Paragraph, Words(10), 4),
            new(BlockKind.Paragraph, Words(10), 5)));

        var chunk = Assert.Single(chunks);
        Assert.Equal(3, chunk.StartPage);
        Assert.Equal(5, chunk.EndPage);
    }

    [Fact]
    public void A_long_paragraph_is_split_at_sentence_boundaries()
    {
        var paragraph = string.Join(' ', Enumerable.Range(1, 12).Select(i => $"Sentence number {i} has exactly seven words."));
        var chunks = Chunker(maxTokens: 30).Chunk(Doc(new DocumentBlock(BlockKind.Paragraph, paragraph, 1)));

        Assert.True(chunks.Count >= 3);
        Assert.All(chunks, c => Assert.EndsWith("words.", c.Text));
        Assert.All(chunks, c => Assert.StartsWith("Sentence number", c.Text));
    }

    [Fact]
    public void A_sentence_longer_than_the_limit_is_cut_by_words()
    {
        var chunks = Chunker(maxTokens: 20).Chunk(Doc(new DocumentBlock(BlockKind.Paragraph, Words(100), 1)));

        Assert.Equal(100, chunks.Sum(c => c.TokenCount));
        Assert.All(chunks, c => Assert.True(c.TokenCount <= 18));
    }

    [Fact]
    public void List_items_and_table_rows_are_never_split()
    {
        var items = Enumerable.Range(0, 10).Select(i => new DocumentBlock(BlockKind.ListItem, $"Item {i} has five words", 1)).ToArray();
        var chunks = Chunker(maxTokens: 24).Chunk(Doc(items));

        var joined = chunks.SelectMany(c => c.Text.Split('\n')).ToList();
        Assert.Equal(10, joined.Count);
        Assert.All(joined, line => Assert.Matches(@"^Item \d has five words$", line));
    }

    [Fact]
    public void Overlap_repeats_the_end_of_the_previous_chunk()
    {
        var sentences = Enumerable.Range(1, 8).Select(i => new DocumentBlock(BlockKind.Paragraph, $"Fact {i} is here.", 1)).ToArray();
        var chunks = Chunker(maxTokens: 18, overlap: 4).Chunk(Doc(sentences));

        Assert.True(chunks.Count >= 2);
        var lastOfFirst = chunks[0].Text.Split('\n')[^1];
        Assert.StartsWith(lastOfFirst, chunks[1].Text);
    }

    [Fact]
    public void Empty_blocks_produce_no_chunks()
    {
        Assert.Empty(Chunker().Chunk(Doc(new DocumentBlock(BlockKind.Paragraph, "   ", 1), new DocumentBlock(BlockKind.Heading, "Title", null, 1))));
    }

    [Fact]
    public void With_the_model_tokenizer_no_chunk_exceeds_256_word_pieces()
    {
        var counter = new ModelTokenCounter(EmbeddingModels.MiniLm);
        var chunker = new StructureAwareChunker(counter, new ChunkingOptions());
        var text = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"Employees (group {i}) may expense physiotherapy-related costs."));
        var chunks = chunker.Chunk(new ParsedDocument("Benefits", [new DocumentBlock(BlockKind.Heading, "Health benefits", null, 1), new DocumentBlock(BlockKind.Paragraph, text, 2)], 2, []));

        Assert.True(chunks.Count > 10);
        Assert.All(chunks, c => Assert.True(counter.CountTokens(c.EmbeddingText) + 2 <= 256, $"{counter.CountTokens(c.EmbeddingText)} word pieces"));
    }

    [Fact]
    public void A_carried_overlap_never_pushes_the_next_chunk_over_the_limit()
    {
        // A short heading-like line (fits the overlap) followed by a paragraph that alone nearly fills the window.
        var chunks = Chunker(maxTokens: 40, overlap: 8).Chunk(Doc(
            new DocumentBlock(BlockKind.Paragraph, Words(30), 1),
            new DocumentBlock(BlockKind.Paragraph, Words(5, "heading"), 1),
            new DocumentBlock(BlockKind.Paragraph, Words(34, "body"), 1)));

        Assert.All(chunks, c => Assert.True(new WordCounter().CountTokens(c.EmbeddingText) <= 38, $"{c.TokenCount} tokens: {c.Text}"));
        Assert.Contains(chunks, c => c.Text.StartsWith("body", StringComparison.Ordinal));
    }

    [Fact]
    public void The_embedded_header_of_title_and_heading_path_counts_against_the_window()
    {
        var blocks = Enumerable.Range(0, 30).Select(i => new DocumentBlock(BlockKind.Paragraph, Words(7 + (i % 5)), 1)).Prepend(new DocumentBlock(BlockKind.Heading, "Parental leave", null, 1)).ToArray();
        var chunks = Chunker(maxTokens: 40).Chunk(new ParsedDocument("Northwind Standard Benefits Details", blocks, 1, []));

        Assert.All(chunks, c => Assert.Equal("Northwind Standard Benefits Details > Parental leave", c.Header));
        Assert.All(chunks, c => Assert.True(new WordCounter().CountTokens(c.EmbeddingText) <= 38, $"{c.EmbeddingText}"));
        Assert.All(chunks, c => Assert.DoesNotContain("Northwind", c.Text));
    }

    [Fact]
    public void An_overlong_title_is_cut_to_a_quarter_of_the_window_and_the_text_keeps_the_rest()
    {
        var chunks = Chunker(maxTokens: 40).Chunk(new ParsedDocument(Words(30, "title"), [new DocumentBlock(BlockKind.Paragraph, Words(100), 1)], 1, []));

        Assert.All(chunks, c => Assert.Equal(10, new WordCounter().CountTokens(c.Header)));
        Assert.All(chunks, c => Assert.True(c.TokenCount <= 28));
        Assert.Contains(chunks, c => c.TokenCount >= 25);
    }

    [Fact]
    public void The_real_tokenizer_keeps_a_titled_pdf_paragraph_within_256_word_pieces()
    {
        var counter = new ModelTokenCounter(EmbeddingModels.MiniLm);
        var chunker = new StructureAwareChunker(counter, new ChunkingOptions());
        var paragraph = "In-Network: In-network providers are those who have contracted with Northwind Health to provide services at a discounted rate. "
            + "Out-of-network providers (non-contracted) may bill you for the balance; check Northwind's directory first.";
        var blocks = Enumerable.Range(0, 40).Select(i => new DocumentBlock(BlockKind.Paragraph, paragraph, i / 4 + 1)).ToArray();
        var chunks = chunker.Chunk(new ParsedDocument("Northwind Standard Benefits Details", blocks, 10, []));

        Assert.All(chunks, c => Assert.True(counter.CountTokens(c.EmbeddingText) + 2 <= 256, $"{counter.CountTokens(c.EmbeddingText)} word pieces"));
    }
}
