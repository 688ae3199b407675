import { documentMarkdownToHtml, sanitizeDocument } from '../chat/markdown';
import { headingSlug } from './headingSlug';

/** How the viewer shows an original: rendered (Markdown, HTML), as text, or not at all (PDF and the rest open as files). */
export type OriginalKind = 'markdown' | 'html' | 'text';

export function originalKind(contentType: string | undefined): OriginalKind | null {
  switch (contentType?.split(';')[0]?.trim().toLowerCase()) {
    case 'text/markdown':
      return 'markdown';
    case 'text/html':
      return 'html';
    case 'text/plain':
      return 'text';
    default:
      return null;
  }
}

/**
 * A Markdown or HTML original as sanitised HTML whose headings carry their anchor as id (the first heading with a
 * slug gets it; a repeat gets "-2", "-3" so ids stay unique).
 */
export function renderOriginal(kind: 'markdown' | 'html', source: string): string {
  const fragment = sanitizeDocument(kind === 'markdown' ? documentMarkdownToHtml(source) : source);
  const taken = new Set<string>();
  for (const heading of fragment.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const slug = headingSlug(heading.textContent ?? '');
    if (!slug) continue;
    let id = slug;
    for (let n = 2; taken.has(id); n++) id = `${slug}-${n}`;
    taken.add(id);
    heading.id = id;
  }
  const container = document.createElement('div');
  container.append(fragment);
  return container.innerHTML;
}

/**
 * The heading a citation points to: the one whose text slugs to `anchor`; when several do ("Eligibility" under
 * every policy), the one under the citation's heading path ("Policy > Travel > Eligibility", built by the server
 * with the same nesting rule: a heading closes every open heading of its level or deeper).
 */
export function findSection(root: ParentNode, anchor: string, headingPath?: string | null): HTMLElement | null {
  const headings = [...root.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6')];
  const matches = headings.filter((h) => headingSlug(h.textContent ?? '') === anchor);
  if (matches.length > 1 && headingPath) {
    const wanted = headingPath.split(' > ').map(headingSlug).join('/');
    const open: { level: number; slug: string }[] = [];
    for (const heading of headings) {
      const level = Number(heading.tagName.slice(1));
      while (open.length > 0 && open[open.length - 1]!.level >= level) open.pop();
      open.push({ level, slug: headingSlug(heading.textContent ?? '') });
      if (matches.includes(heading) && open.map((h) => h.slug).join('/') === wanted) return heading;
    }
  }
  // A hand-written link may name a repeated heading's own id ("details-2").
  return matches[0] ?? headings.find((h) => h.id === anchor) ?? null;
}

/** The server's plain-text anchor ":~:text=Come%20to%20the" → the words it quotes ("Come to the"), else null. */
export function quotedText(anchor: string | null | undefined): string | null {
  const prefix = ':~:text=';
  if (!anchor?.startsWith(prefix)) return null;
  try {
    return decodeURIComponent(anchor.slice(prefix.length)).trim() || null;
  } catch {
    return null;
  }
}

/** Where `words` occur in `text`, whatever whitespace (line breaks, runs of spaces) separates them there. */
export function findQuote(text: string, words: string): { start: number; end: number } | null {
  const parts = words.split(/\s+/).filter(Boolean).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (parts.length === 0) return null;
  const match = new RegExp(parts.join('\\s+')).exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}
