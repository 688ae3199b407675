import { Link } from 'wouter';
import { formatDateTime, formatNumber } from '../shared/format';
import type { Resource } from '../shared/useResource';
import { chooseSuggestions, type LibrarySummary } from './library';

interface Props {
  library: Resource<LibrarySummary>;
  /** From /api/info, for servers without /api/library. */
  fallbackDocuments: number | null;
  admin: boolean;
  groups: string[];
  onAsk(question: string): void;
}

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** The first screen: what the reader's knowledge base holds and questions to start with. */
export function WelcomePanel({ library, fallbackDocuments, admin, groups, onAsk }: Props) {
  const summary = library.state === 'ready' ? library.data : null;
  const documents = summary?.documents ?? (library.state === 'loading' ? null : fallbackDocuments);

  if (documents === 0) {
    return (
      <div className="empty-state" id="welcome">
        <h2>Nothing to ask about yet</h2>
        {admin ? (
          <p>
            The knowledge base has no documents yet. <Link href="/admin/documents">Upload documents</Link> and they appear here as soon as they are ready.
          </p>
        ) : (
          <p>
            No documents are shared with {groups.length > 0 ? <>your {groups.length === 1 ? 'group' : 'groups'} ({groups.join(', ')})</> : 'you'} yet.
            Ask an administrator to share documents with one of your groups; then you can ask questions about them here.
          </p>
        )}
      </div>
    );
  }

  const suggestions = chooseSuggestions(summary);
  return (
    <div className="empty-state" id="welcome">
      <h2>Ask your documents</h2>
      {summary ? <LibraryLine summary={summary} /> : documents ? <p>You can ask about {plural(documents, 'document', 'documents')}.</p> : null}
      <p>Answers cite their sources, like [1]. Click a source to read the passage.</p>
      {suggestions.length > 0 && (
        <section className="suggestions" aria-labelledby="suggestions-title">
          <h3 id="suggestions-title" className="sources-title">
            Try asking
          </h3>
          <ul>
            {suggestions.map((s) => (
              <li key={s.question}>
                <button type="button" className="suggestion" onClick={() => onAsk(s.question)}>
                  <span className="suggestion-question">{s.question}</span>
                  <span className="suggestion-source">{s.title}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function LibraryLine({ summary }: { summary: LibrarySummary }) {
  const updated = formatDateTime(summary.lastUpdated);
  const collections = summary.collections ?? [];
  return (
    <p className="library-line">
      Your knowledge base holds <strong>{plural(summary.documents, 'document', 'documents')}</strong>
      {collections.length > 1 ? (
        <> in {collections.length} collections ({collections.map((c) => `${c.name} ${formatNumber(c.documents)}`).join(', ')})</>
      ) : collections.length === 1 && collections[0]!.name !== 'default' ? (
        <> in the {collections[0]!.name} collection</>
      ) : null}
      {updated && <>, last updated {updated}</>}.
    </p>
  );
}
