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
        Assert.All(chunks, c => Assert.True(counter.CountTokens(c.HeadingPath + " " + c.Text) + 2 <= 256));
    }
}
