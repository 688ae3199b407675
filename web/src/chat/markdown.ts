import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

// "[1]", "[12]", "[1, 2]" (numbers 1..999).
const Marker = /^\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/;

let hooked = false;
function purifier(): typeof DOMPurify {
  if (!hooked) {
    hooked = true;
    // Links in answers leave the app; they must not get a handle on it.
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A' && node.getAttribute('href')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
  }
  return DOMPurify;
}

function citationParser(known: ReadonlySet<number>): Marked {
  return new Marked({
    gfm: true,
    breaks: true,
    extensions: [
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

/**
 * Answer Markdown → safe HTML. Model output is untrusted: it is parsed as Markdown, then DOMPurify
 * removes scripts, event handlers and dangerous URLs. `[n]` for a known source becomes a button
 * (data-cite=n) the caller handles by delegation.
 */
export function renderAnswer(markdown: string, known: ReadonlySet<number>): string {
  const html = citationParser(known).parse(markdown, { async: false });
  return purifier().sanitize(html, {
    ALLOWED_ATTR: ['href', 'title', 'class', 'data-cite', 'type', 'aria-label', 'target', 'rel', 'start', 'align'],
    FORBID_TAGS: ['style', 'form', 'input', 'textarea', 'select', 'iframe', 'img'],
  });
}
