using KnowledgeBase.Core.Retrieval;

namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>Who may read a document, as a query filter (the same rule the search SQL applies).</summary>
public static class DocumentAccess
{
    /// <summary>Documents with no groups, or sharing one with the scope; everything for a scope that sees everything.</summary>
    public static IQueryable<Document> ReadableBy(this IQueryable<Document> documents, AccessScope scope)
    {
        if (scope.SeesEverything)
        {
            return documents;
        }

        var groups = scope.Groups.ToArray();
        return documents.Where(d => d.AccessGroups.Length == 0 || d.AccessGroups.Any(g => groups.Contains(g)));
    }
}
