namespace KnowledgeBase.Infrastructure.Data;

/// <summary>Document frequency of a lexeme (chunks containing it), kept with the postings so BM25's IDF costs one lookup.</summary>
public sealed class LexemeStatistic
{
    public required string Lexeme { get; set; }
    public int Df { get; set; }
}
