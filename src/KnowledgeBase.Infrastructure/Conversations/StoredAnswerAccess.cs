using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Documents;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Infrastructure.Conversations;

/// <summary>
/// A stored answer quotes the documents it cites, so it is re-checked against the reader's access whenever it is
/// shown again or handed to the model as history: a source the user can no longer read (regrouped, deleted) becomes
/// "Source no longer available" — no title, file name, id or quote — and an answer that cited one is withheld.
/// </summary>
public sealed class StoredAnswerAccess(KnowledgeBaseDbContext db)
{
    public const string UnavailableTitle = "Source no longer available";

    public const string WithheldText = "This answer is not shown: it drew on a source you can no longer read.";

    /// <summary>What a reader may see of one message; <see cref="Withheld"/> when its text quoted an unreadable source.</summary>
    public sealed record View(string Text, IReadOnlyList<Citation> Citations, bool Withheld);

    /// <summary>What a reader may see of each message, keyed by message id.</summary>
    public async Task<IReadOnlyDictionary<Guid, View>> ViewAsync(
        IReadOnlyCollection<Message> messages, AccessScope scope, CancellationToken cancellationToken)
    {
        var cited = messages.SelectMany(m => m.Citations).Select(c => c.DocumentId).Distinct().ToList();
        // A deleted document has no row, so it is unreadable for admins too.
        var readable = cited.Count == 0 ? [] : (await db.Documents.AsNoTracking()
            .Where(d => cited.Contains(d.Id)).ReadableBy(scope).Select(d => d.Id).ToListAsync(cancellationToken)).ToHashSet();
        return messages.ToDictionary(m => m.Id, m => ViewOf(m, readable));
    }

    private static View ViewOf(Message message, HashSet<Guid> readable)
    {
        if (message.Citations.All(c => readable.Contains(c.DocumentId)))
        {
            return new View(message.Text, message.Citations, false);
        }

        var citations = message.Citations
            .Select(c => readable.Contains(c.DocumentId) ? c : new Citation(c.Number, Guid.Empty, UnavailableTitle, string.Empty, null, null, string.Empty))
            .ToList();
        var citedGone = message.Citations.Any(c => !readable.Contains(c.DocumentId) && message.CitedNumbers.Contains(c.Number));
        return new View(citedGone ? WithheldText : message.Text, citations, citedGone);
    }
}
