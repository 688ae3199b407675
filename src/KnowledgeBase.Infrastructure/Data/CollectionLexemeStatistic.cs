namespace KnowledgeBase.Infrastructure.Data;

/// <summary>
/// Document frequency of a lexeme in one collection (chunks of the collection containing it), kept with the
/// postings so BM25's IDF costs one lookup: a collection's scores never depend on other collections.
/// </summary>
public sealed class CollectionLexemeStatistic
{
    public required string Lexeme { get; set; }
    public required string Collection { get; set; }
    public int Df { get; set; }
}
