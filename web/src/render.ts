// DOM rendering for one Q&A turn. Model/server text is only ever inserted as
// text nodes (textContent / createTextNode) — never as HTML.
import { formatCitationLabel, splitAnswer, type AnswerSegment } from './citations';
import { formatDone, isActive, type TurnState } from './stream';
import type { Citation } from './types';

type Attrs = Record<string, string>;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child);
  return node;
}

function sameSegment(a: AnswerSegment, b: AnswerSegment): boolean {
  if (a.kind === 'text' && b.kind === 'text') return a.text === b.text;
  if (a.kind === 'cite' && b.kind === 'cite') return a.number === b.number;
  return false;
}

function citeButton(n: number, onCite: (n: number) => void): HTMLElement {
  const button = el('button', { type: 'button', class: 'cite-ref', 'data-cite': String(n), 'aria-label': `Source ${n}` }, `[${n}]`);
  button.addEventListener('click', () => onCite(n));
  return el('sup', { class: 'cite' }, button);
}

/**
 * Renders answer text into `container` as text nodes and citation buttons.
 * Incremental: nodes for an unchanged prefix of segments are kept, and a
 * growing trailing text segment is updated in place, so streaming tokens do
 * not rebuild the whole answer (and do not steal focus from a citation button).
 */
export class AnswerRenderer {
  private segments: AnswerSegment[] = [];
  private nodes: Node[] = [];

  constructor(
    readonly container: HTMLElement,
    private readonly onCite: (n: number) => void,
  ) {}

  render(text: string, known?: ReadonlySet<number>): void {
    const next = splitAnswer(text, known);
    let i = 0;
    while (i < next.length && i < this.segments.length && sameSegment(next[i]!, this.segments[i]!)) i++;

    // A text segment that changed (grew, or lost a marker that just closed): update in place.
    const prev = this.segments[i];
    const cur = next[i];
    let reuse: Node | null = null;
    if (prev && cur && prev.kind === 'text' && cur.kind === 'text') {
      reuse = this.nodes[i]!;
      (reuse as Text).data = cur.text;
    }

    const keep = reuse ? i + 1 : i;
    for (const node of this.nodes.splice(keep)) node.parentNode?.removeChild(node);
    for (const seg of next.slice(keep)) {
      const node = seg.kind === 'text' ? document.createTextNode(seg.text) : citeButton(seg.number, this.onCite);
      this.container.append(node);
      this.nodes.push(node);
    }
    this.segments = next;
  }
}

export function renderCitationItem(c: Citation, idPrefix: string): HTMLLIElement {
  const head = el('div', { class: 'citation-head' }, el('span', { class: 'citation-label' }, formatCitationLabel(c)));
  const source = c.sourceName?.trim();
  if (source && source !== c.title.trim()) head.append(el('span', { class: 'citation-source' }, source));

  const li = el('li', { class: 'citation', id: `${idPrefix}-${c.number}`, 'data-number': String(c.number), tabindex: '-1' }, head);
  if (c.snippet?.trim()) {
    li.append(
      el(
        'details',
        { class: 'citation-details' },
        el('summary', {}, 'Show passage'),
        el('blockquote', { class: 'citation-snippet' }, c.snippet),
      ),
    );
  }
  return li;
}

const STATUS_TEXT: Partial<Record<TurnState['status'], string>> = {
  retrieving: 'Searching your documents\u2026',
  streaming: 'Writing the answer\u2026',
};

export interface TurnViewHandlers {
  onRetry(): void;
}

/** The DOM of one transcript entry; `render(state)` is idempotent. */
export class TurnView {
  readonly root: HTMLLIElement;
  readonly answer: HTMLDivElement;
  readonly citations: HTMLOListElement;
  private readonly answerText: HTMLSpanElement;
  private readonly answerNote: HTMLSpanElement;
  private readonly status: HTMLParagraphElement;
  private readonly sources: HTMLElement;
  private readonly noSources: HTMLParagraphElement;
  private readonly alert: HTMLDivElement;
  private readonly alertText: HTMLParagraphElement;
  private readonly meta: HTMLParagraphElement;
  private readonly renderer: AnswerRenderer;
  private renderedCitations: Citation[] | null = null;
  private known: Set<number> = new Set();
  private highlightTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly index: number,
    question: string,
    handlers: TurnViewHandlers,
  ) {
    const idPrefix = `turn-${index}`;
    this.answerText = el('span', { class: 'answer-text' });
    this.answerNote = el('span', { class: 'answer-note' });
    this.answer = el('div', { class: 'answer', 'aria-live': 'polite', 'aria-busy': 'true' }, this.answerText, this.answerNote);
    this.renderer = new AnswerRenderer(this.answerText, (n) => this.highlightCitation(n));
    this.status = el('p', { class: 'turn-status' });

    this.alertText = el('p', { class: 'alert-text' });
    const retry = el('button', { type: 'button', class: 'btn btn-secondary retry' }, 'Retry');
    retry.addEventListener('click', () => handlers.onRetry());
    this.alert = el('div', { class: 'alert turn-alert', role: 'alert' }, this.alertText, retry);
    this.alert.hidden = true;

    this.meta = el('p', { class: 'turn-meta' });
    this.meta.hidden = true;

    this.citations = el('ol', { class: 'citations', 'aria-labelledby': `${idPrefix}-sources` });
    this.citations.dataset.idPrefix = `${idPrefix}-cite`;
    this.noSources = el('p', { class: 'no-sources' }, 'No matching passages were found in your documents.');
    this.noSources.hidden = true;
    this.sources = el(
      'section',
      { class: 'sources' },
      el('h3', { class: 'sources-title', id: `${idPrefix}-sources` }, 'Sources'),
      this.citations,
      this.noSources,
    );
    this.sources.hidden = true;

    this.root = el(
      'li',
      { class: 'turn', id: idPrefix },
      el('p', { class: 'turn-question' }, el('span', { class: 'visually-hidden' }, 'Question: '), question),
      el('div', { class: 'turn-body' }, this.status, this.answer, this.alert, this.meta, this.sources),
    );
  }

  /** Only the current (latest) turn carries the stable ids #answer and #citations. */
  setCurrent(current: boolean): void {
    if (current) {
      this.answer.id = 'answer';
      this.citations.id = 'citations';
    } else {
      this.answer.removeAttribute('id');
      this.citations.removeAttribute('id');
    }
  }

  render(state: TurnState): void {
    const active = isActive(state);
    this.root.dataset.status = state.status;

    const statusText = STATUS_TEXT[state.status] ?? '';
    this.status.textContent = statusText;
    this.status.hidden = !statusText;

    if (state.citations !== this.renderedCitations) {
      this.renderedCitations = state.citations;
      this.known = new Set(state.citations.map((c) => c.number));
      const prefix = this.citations.dataset.idPrefix ?? 'cite';
      this.citations.replaceChildren(...state.citations.map((c) => renderCitationItem(c, prefix)));
    }
    // The list is shown as soon as retrieval arrives (before any token).
    this.sources.hidden = !state.retrieved && state.citations.length === 0;
    this.noSources.hidden = !state.retrieved || state.citations.length > 0;

    this.renderer.render(state.text, this.known);
    this.answerNote.textContent = state.status === 'stopped' ? (state.text && !/\s$/.test(state.text) ? ' (stopped)' : '(stopped)') : '';
    this.answer.setAttribute('aria-busy', String(active));
    this.answer.toggleAttribute('data-empty', !this.answer.textContent);

    if (state.status === 'error') {
      this.alertText.textContent = state.error ?? 'Something went wrong.';
      this.alert.hidden = false;
    } else {
      this.alert.hidden = true;
      this.alertText.textContent = '';
    }

    const metaText = state.status === 'done' && state.done ? formatDone(state.done) : '';
    this.meta.textContent = metaText;
    this.meta.hidden = !metaText;
  }

  citationItem(n: number): HTMLLIElement | null {
    for (const li of Array.from(this.citations.children)) {
      if ((li as HTMLElement).dataset.number === String(n)) return li as HTMLLIElement;
    }
    return null;
  }

  /** Scrolls to citation n, opens its passage, highlights and focuses it. */
  highlightCitation(n: number): boolean {
    const li = this.citationItem(n);
    if (!li) return false;
    for (const other of Array.from(this.citations.querySelectorAll('.is-highlighted'))) other.classList.remove('is-highlighted');
    li.classList.add('is-highlighted');
    const details = li.querySelector('details');
    if (details) details.open = true;
    const reduce = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (typeof li.scrollIntoView === 'function') li.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'nearest' });
    li.focus({ preventScroll: true });
    clearTimeout(this.highlightTimer);
    this.highlightTimer = setTimeout(() => li.classList.remove('is-highlighted'), 2500);
    return true;
  }
}
