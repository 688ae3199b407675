using System.Text;
using KnowledgeBase.Infrastructure.Ingestion.Parsers;
using Npgsql;

namespace KnowledgeBase.Infrastructure.Ingestion;

/// <summary>
/// A document whose text the database refuses (a data exception, class 22, or a limit, class 54, such as
/// a tsvector over 1 MB) will be refused on every retry: it is bad input, failed at once with the reason.
/// </summary>
public static class RefusedText
{
    public static DocumentRejectedException? From(Exception e) => e switch
    {
        PostgresException { SqlState: ['2', '2', ..] or ['5', '4', ..] } refused =>
            new DocumentRejectedException($"The database refused the document's text ({refused.MessageText.TrimEnd('.')}).", e),
        EncoderFallbackException =>
            new DocumentRejectedException("The document's text cannot be stored (it is not valid Unicode).", e),
        _ => null,
    };
}
