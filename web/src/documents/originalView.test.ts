import { describe, expect, it } from 'vitest';
import { findQuote, findSection, originalKind, quotedText, renderOriginal } from './originalView';

function rendered(kind: 'markdown' | 'html', source: string): HTMLDivElement {
  const container = document.createElement('div');
  container.innerHTML = renderOriginal(kind, source);
  return container;
}

const Hostile = `<html><head><title>T</title><style>h2 { display: none }</style><script>window.kbRan = 1</script></head><body>
  <h2 id="app" class="visually-hidden" style="display:none" onclick="window.kbRan = 2">Passwords</h2>
  <p>Use a manager.<img src="https://tracker.example/p.gif" onerror="window.kbRan = 3"></p>
  <a href="javascript:window.kbRan = 4">click</a> <a href="https://example.com/help">help</a>
  <iframe src="https://evil.example"></iframe><form action="https://evil.example"><input name="pw"><button>Send</button></form>
  <svg><script>window.kbRan = 5</script></svg><object data="x.swf"></object><link rel="stylesheet" href="https://evil.example/x.css">
  <div hidden>secret instructions</div><p style="color: white">white text</p>
</body></html>`;

describe('renderOriginal', () => {
  it('renders Markdown as HTML, never as raw markup', () => {
    const body = rendered('markdown', '# Handbook\n\n## Leave\n\n- **25** days\n\n| A | B |\n|---|---|\n| 1 | 2 |\n');
    expect(body.querySelector('h2')?.textContent).toBe('Leave');
    expect(body.querySelector('li strong')?.textContent).toBe('25');
    expect(body.querySelector('td')?.textContent).toBe('1');
    expect(body.textContent).not.toContain('#');
  });

  it('strips scripts, handlers, script URLs, frames, forms, external loads, classes and styles from an HTML original', () => {
    const body = rendered('html', Hostile);
    expect(body.querySelector('script, style, iframe, form, input, button, img, svg, object, link, title')).toBeNull();
    const attributes = [...body.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name));
    expect(attributes.filter((a) => a.startsWith('on') || a === 'style' || a === 'class' || a === 'hidden' || a === 'src')).toEqual([]);
    expect(body.querySelector('a:not([href])')?.textContent).toBe('click');
    const help = body.querySelector<HTMLAnchorElement>('a[href]')!;
    expect([help.getAttribute('href'), help.target, help.rel]).toEqual(['https://example.com/help', '_blank', 'noopener noreferrer']);
    // The document's own id is replaced by the anchor the server computes from the heading text.
    expect(body.querySelector('h2')?.id).toBe('passwords');
    expect(body.textContent).toContain('secret instructions');
  });

  it('keeps heading ids unique: a repeated heading gets a numbered id, the first keeps the anchor', () => {
    const body = rendered('markdown', '## Details\n\nA\n\n## Details\n\nB\n\n## !!!\n');
    expect([...body.querySelectorAll('h2')].map((h) => h.id)).toEqual(['details', 'details-2', '']);
  });

  it('passes Markdown inline HTML through the same sanitiser', () => {
    const body = rendered('markdown', '## Setup <img src=x onerror="window.kbRan = 1">\n\n<script>window.kbRan = 2</script>\n');
    expect(body.querySelector('img, script')).toBeNull();
    expect(body.querySelector('h2')?.id).toBe('setup');
  });
});

describe('findSection', () => {
  const policies = rendered(
    'markdown',
    '# Policies\n\n## Travel\n\n### Eligibility\n\nStaff.\n\n## Fitness\n\n### Who can join\n\n#### Eligibility\n\nEveryone.\n\n## Parking\n',
  );

  it('finds the heading a citation points to by its anchor', () => {
    expect(findSection(policies, 'parking')?.textContent).toBe('Parking');
    expect(findSection(policies, 'nothing-here')).toBeNull();
  });

  it('tells apart headings with the same anchor by the citation heading path', () => {
    const fitness = findSection(policies, 'eligibility', 'Policies > Fitness > Who can join > Eligibility');
    expect(fitness?.tagName).toBe('H4');
    expect(fitness?.id).toBe('eligibility-2');
    expect(findSection(policies, 'eligibility', 'Policies > Travel > Eligibility')?.id).toBe('eligibility');
    // Without a path, or with one that matches nothing, the first heading with the anchor.
    expect(findSection(policies, 'eligibility')?.id).toBe('eligibility');
    expect(findSection(policies, 'eligibility', 'Elsewhere > Eligibility')?.id).toBe('eligibility');
    expect(findSection(policies, 'eligibility-2')?.tagName).toBe('H4');
  });
});

describe('plain text quotes', () => {
  it('reads the words of the server anchor and finds them across line breaks', () => {
    const words = quotedText(':~:text=Come%20to%20the%20main%20reception')!;
    expect(words).toBe('Come to the main reception');
    const text = 'Q: Where?\nA: Come to the main\n  reception at 9:00.';
    const at = findQuote(text, words)!;
    expect(text.slice(at.start, at.end)).toBe('Come to the main\n  reception');
  });

  it('treats headings, broken escapes and missing words as no quote', () => {
    expect(quotedText('parental-leave')).toBeNull();
    expect(quotedText(':~:text=%E0%A4%A')).toBeNull();
    expect(findQuote('Nothing here.', 'Come (to) [the]')).toBeNull();
  });
});

describe('originalKind', () => {
  it('shows Markdown, HTML and text in the app and leaves PDFs and the rest to open as files', () => {
    expect(['text/markdown', 'text/html; charset=utf-8', 'text/plain', 'application/pdf', 'text/csv'].map(originalKind)).toEqual([
      'markdown',
      'html',
      'text',
      null,
      null,
    ]);
  });
});
