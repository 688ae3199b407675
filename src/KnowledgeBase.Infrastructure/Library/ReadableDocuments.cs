using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Data;

namespace KnowledgeBase.Infrastructure.Library;

public static class ReadableDocuments
{
    /// <summary>
    /// The documents <paramref name="scope"/> may read, as a filter in the SQL (<c>access_groups &amp;&amp; @groups</c>):
    /// those without groups, or sharing one with the caller; everything for admins.
    /// </summary>
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
