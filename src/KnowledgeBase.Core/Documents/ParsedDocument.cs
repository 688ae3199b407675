namespace KnowledgeBase.Core.Documents;

/// <summary>The structural kind of a block; chunking keeps list items and table rows whole.</summary>
public enum BlockKind
{
    Heading,
    Paragraph,
    ListItem,
    TableRow,
}

/// <summary>One structural unit of a document, on one page (1-based; null when the format has no pages).</summary>
/// <param name="Level">Heading level for headings (1 = top), 0 otherwise.</param>
public sealed record DocumentBlock(BlockKind Kind, string Text, int? Page, int Level = 0);

/// <summary>What a parser extracts: a title, the blocks in reading order, and problems worth showing to an admin.</summary>
public sealed record ParsedDocument(
    string Title,
    IReadOnlyList<DocumentBlock> Blocks,
    int? PageCount,
    IReadOnlyList<string> Warnings);
