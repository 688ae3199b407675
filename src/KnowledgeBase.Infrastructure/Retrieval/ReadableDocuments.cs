using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Data;

namespace KnowledgeBase.Infrastructure.Retrieval;

public static class ReadableDocuments
{
    /// <summary>The documents <paramref name="scope"/> may read (its groups; not its collection), as SQL.</summary>
    public static IQueryable<Document> ReadableBy(this IQueryable<Document> documents, AccessScope scope)
    {
        var all = scope.SeesEverything;
        var groups = scope.Groups.ToArray();
        return documents.Where(d => all || d.AccessGroups.Length == 0 || d.AccessGroups.Any(g => groups.Contains(g)));
    }
}
