import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';
import { CitationOpen, UnsupportedOpen } from './unsupported';

// The marker the guardrails put where they removed a secret or personal data: "[redacted: card number]".
const Redaction = /^\[redacted: ([a-zA-Z0-9 ._-]{1,40})\]/;

// A sentence bracketed by markUnsupported (unsupported.ts): the opening sentinel says which rule flagged it.
const Flagged = /^([\uE000\uE001])([^\uE000-\uE002]*)\uE002/;
const FlagTitles: Record<string, [title: string, tag: string]> = {
  [UnsupportedOpen]: ['The sources do not clearly support this sentence.', 'unsupported'],
  [CitationOpen]: ['The cited source does not seem to support this sentence.', 'citation unclear'],
};

// "[1]", "[12]", "[1, 2]" (numbers 1..999).
const Marker = /^\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/;

// What an answer may contain: Markdown's own output and the citation buttons, nothing else (no SVG, MathML,
// images, media or forms: an answer built from a poisoned document must not make the browser fetch anything).
const AllowedTags = [
  'p', 'br', 'hr', 'strong', 'em', 'b', 'i', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'button', 'mark', 'small',
];
const AllowedAttributes = ['href', 'title', 'class', 'data-cite', 'type', 'aria-label', 'target', 'rel', 'start', 'align'];
// Links go to http(s) pages or to the app's own routes ("/…", not "//host").
const AllowedUrl = /^(?:https?:\/\/|\/(?![/\\]))/i;

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

let hooked = false;
function purifier(): typeof DOMPurify {
  if (!hooked) {
    hooked = true;
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      // A citation is a plain button, never a form submit.
      if (node.tagName === 'BUTTON') node.setAttribute('type', 'button');
      if (node.tagName !== 'A') return;
      const href = node.getAttribute('href');
      if (!href || !AllowedUrl.test(href)) {
        node.removeAttribute('href');
        return;
      }
      // Links in answers leave the app; they must not get a handle on it.
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    });
  }
  return DOMPurify;
}

function citationParser(known: ReadonlySet<number>): Marked {
  return new Marked({
    gfm: true,
    breaks: true,
    // HTML in the answer is shown as text, never parsed: the sanitizer below is a second line, not the only one.
    renderer: {
      html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
    },
    extensions: [
      {
        name: 'redaction',
        level: 'inline',
        start: (src: string) => {
          const i = src.indexOf('[redacted: ');
          return i < 0 ? undefined : i;
        },
        tokenizer(src: string) {
          const m = Redaction.exec(src);
          return m ? { type: 'redaction', raw: m[0], kind: m[1] ?? '' } : undefined;
        },
        renderer(token: Tokens.Generic) {
          const kind = escapeHtml(String(token['kind']));
          return `<mark class="redaction" title="Hidden by a guardrail">[redacted: ${kind}]</mark>`;
        },
      },
      {
        name: 'flagged',
        level: 'inline',
        start: (src: string) => {
          const i = src.search(/[\uE000\uE001]/);
          return i < 0 ? undefined : i;
        },
        tokenizer(src: string) {
          const m = Flagged.exec(src);
          if (!m) return undefined;
          // The sentence inside keeps its own Markdown (emphasis, citations, redactions).
          return { type: 'flagged', raw: m[0], open: m[1], tokens: this.lexer.inlineTokens(m[2] ?? '') };
        },
        renderer(token: Tokens.Generic) {
          const [title, tag] = FlagTitles[String(token['open'])] ?? FlagTitles[UnsupportedOpen]!;
          return `<mark class="unsupported" title="${title}">${this.parser.parseInline(token.tokens ?? [])}</mark><small class="unsupported-tag">${tag}</small>`;
        },
      },
      {
        name: 'citation',
        level: 'inline',
        start: (src: string) => {
          const i = src.search(/\[\d/);
          return i < 0 ? undefined : i;
        },
        tokenizer(src: string) {
          const m = Marker.exec(src);
          if (!m) return undefined;
          const numbers = (m[1] ?? '').split(',').map((s) => Number.parseInt(s.trim(), 10));
          // A marker naming a source that was not retrieved stays plain text: it points nowhere.
          if (!numbers.every((n) => known.has(n))) return undefined;
          return { type: 'citation', raw: m[0], numbers };
        },
        renderer(token: Tokens.Generic) {
          return (token['numbers'] as number[])
            .map((n) => `<button type="button" class="cite" data-cite="${n}" aria-label="Source ${n}">[${n}]</button>`)
            .join('');
        },
      },
    ],
  });
}

// What an original document may show: the answer's tags without the app's own controls, plus plain structure;
// no class, style or id (a document must not borrow the app's styles to hide or disguise text, nor clobber the
// page's ids: the viewer sets the heading ids itself), no images, media, frames or forms (nothing is fetched).
const DocumentTags = [
  ...AllowedTags.filter((t) => t !== 'button' && t !== 'mark'),
  'div', 'span', 'section', 'article', 'main', 'dl', 'dt', 'dd', 'caption', 'sup', 'sub', 'u', 's', 'small',
  'abbr', 'cite', 'q', 'kbd', 'samp', 'var', 'figure', 'figcaption',
];
const DocumentAttributes = ['href', 'title', 'start', 'align', 'colspan', 'rowspan'];

// A document is ordinary Markdown (no citation markers, single newlines are not breaks). Its inline HTML is kept
// for the sanitiser, as an HTML document's is, so a heading reads (and slugs) as the server parsed it.
// An image is its alt text: nothing is fetched, and a heading keeps the words the server read from it.
const documentParser = new Marked({ gfm: true, renderer: { image: ({ text }: Tokens.Image) => escapeHtml(text) } });

/** An original Markdown document → HTML, still to be sanitised with {@link sanitizeDocument}. */
export function documentMarkdownToHtml(markdown: string): string {
  return documentParser.parse(markdown, { async: false });
}

/**
 * An original document's HTML (an uploaded page, or {@link documentMarkdownToHtml}'s output) → a safe fragment:
 * the same DOMPurify set-up as answers, with the document allow-list. Document text is untrusted.
 */
export function sanitizeDocument(html: string): DocumentFragment {
  return purifier().sanitize(html, {
    ALLOWED_TAGS: DocumentTags,
    ALLOWED_ATTR: DocumentAttributes,
    ALLOWED_URI_REGEXP: AllowedUrl,
    RETURN_DOM_FRAGMENT: true,
  });
}

/**
 * Answer Markdown → safe HTML. Model output is untrusted: raw HTML in it stays text, and DOMPurify keeps only
 * an explicit allow-list of tags and attributes, with links only to http(s) and the app's own routes. `[n]` for
 * a known source becomes a button (data-cite=n) the caller handles by delegation. A sentence bracketed by
 * markUnsupported becomes `<mark class="unsupported">` with a short visible tag.
 */
export function renderAnswer(markdown: string, known: ReadonlySet<number>): string {
  // A sentinel left unpaired (a flag whose sentence Markdown split) must not reach the page.
  const html = citationParser(known).parse(markdown, { async: false }).replace(/[\uE000-\uE002]/g, '');
  return purifier().sanitize(html, {
    ALLOWED_TAGS: AllowedTags,
    ALLOWED_ATTR: AllowedAttributes,
    ALLOWED_URI_REGEXP: AllowedUrl,
  });
}
