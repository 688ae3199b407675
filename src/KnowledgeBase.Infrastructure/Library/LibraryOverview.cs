using KnowledgeBase.Core.Library;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Documents;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Infrastructure.Library;

public sealed record CollectionSummary(string Name, int Documents, DateTimeOffset LastUpdated);

public sealed record RecentDocument(Guid Id, string Title);

/// <summary>What one reader's knowledge base holds: counts, newest documents and questions drawn from them.</summary>
public sealed record LibrarySummary(
    int Documents,
    IReadOnlyList<CollectionSummary> Collections,
    DateTimeOffset? LastUpdated,
    IReadOnlyList<RecentDocument> RecentDocuments,
    IReadOnlyList<SuggestedQuestion> Suggestions);

/// <summary>
/// The reader's view of the knowledge base for the first screen. Every query is filtered by the caller's
/// access scope in SQL, so neither the counts nor the suggestions reveal a document outside their groups.
/// </summary>
public sealed class LibraryOverview(KnowledgeBaseDbContext db)
{
    /// <summary>Suggestions come from the newest documents, and from the start of each (where FAQs and main sections are).</summary>
    public const int RecentDocumentCount = 12;

    public const int PassagesPerDocument = 8;

    public async Task<LibrarySummary> SummarizeAsync(AccessScope scope, CancellationToken cancellationToken)
    {
        var ready = db.Documents.AsNoTracking().ReadableBy(scope).Where(d => d.Status == DocumentStatus.Ready);
        var collections = (await ready
            .GroupBy(d => d.Collection)
            .Select(g => new CollectionSummary(g.Key, g.Count(), g.Max(d => d.UpdatedAt)))
            .ToListAsync(cancellationToken))
            .OrderByDescending(c => c.Documents).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();

        var recent = ready.OrderByDescending(d => d.UpdatedAt).ThenBy(d => d.Id).Take(RecentDocumentCount);
        var passages = await (
            from d in recent
            from c in db.Chunks.Where(c => c.DocumentId == d.Id).OrderBy(c => c.Ordinal).Take(PassagesPerDocument)
            select new { d.Id, d.Title, d.UpdatedAt, c.Ordinal, c.HeadingPath, c.Text })
            .ToListAsync(cancellationToken);

        var sources = passages
            .GroupBy(p => (p.Id, p.Title, p.UpdatedAt))
            .OrderByDescending(g => g.Key.UpdatedAt).ThenBy(g => g.Key.Id)
            .Select(g => new SuggestionSource(g.Key.Id, g.Key.Title, g.OrderBy(p => p.Ordinal).Select(p => new SuggestionPassage(p.HeadingPath, p.Text)).ToList()))
            .ToList();
        return new LibrarySummary(
            collections.Sum(c => c.Documents),
            collections,
            collections.Count == 0 ? null : collections.Max(c => c.LastUpdated),
            sources.Select(s => new RecentDocument(s.DocumentId, s.Title)).ToList(),
            SuggestedQuestions.Pick(sources));
    }
}
