import { describe, expect, it } from 'vitest';
import { renderAnswer } from './markdown';

const known = new Set([1, 2]);

function dom(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('renderAnswer', () => {
  it('renders Markdown', () => {
    const el = dom(renderAnswer('**Bold** and a list:\n\n- one\n- two', known));
    expect(el.querySelector('strong')?.textContent).toBe('Bold');
    expect(el.querySelectorAll('li')).toHaveLength(2);
  });

  it('strips scripts, event handlers and javascript: links', () => {
    const html = renderAnswer(
      'Hi <script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a> <b onmouseover="alert(4)">b</b>',
      known,
    );
    const el = dom(html);
    expect(el.querySelector('script')).toBeNull();
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('b')).toBeNull();
    expect(el.querySelector('a[href]')).toBeNull();
    expect(dom(renderAnswer('[x](javascript:alert(3))', known)).querySelector('a[href]')).toBeNull();
    expect(el.querySelectorAll('[onerror], [onmouseover]')).toHaveLength(0);
  });

  it('shows raw HTML as text instead of parsing it', () => {
    const el = dom(renderAnswer('Use <b>bold</b> and <em>this</em>.', known));
    expect(el.querySelector('b')).toBeNull();
    expect(el.textContent).toContain('<b>bold</b>');
  });

  it('lets no SVG, image or media element through, so nothing is fetched without a click', () => {
    const poisoned = [
      '<svg><image href="https://attacker.example/a.png"></image></svg>',
      '<svg><filter><feImage href="https://attacker.example/b.png"/></filter></svg>',
      '<img src="https://attacker.example/c.png">',
      '![x](https://attacker.example/d.png)',
      '<video poster="https://attacker.example/e.png"></video>',
    ];
    for (const markdown of poisoned) {
      const el = dom(renderAnswer(markdown, known));
      expect(el.querySelectorAll('svg, image, feImage, img, video, audio, object, embed, iframe, link, style')).toHaveLength(0);
      expect(el.innerHTML).not.toMatch(/<[^>]+attacker\.example/);
    }
  });

  it('keeps links to http(s) and the app\'s own routes only', () => {
    const hrefs = (markdown: string) => [...dom(renderAnswer(markdown, known)).querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs('[a](https://example.com/x) [b](http://example.com) [c](/conversations)')).toEqual(['https://example.com/x', 'http://example.com', '/conversations']);
    expect(hrefs('[a](ftp://example.com) [b](data:text/html,hi) [c](//evil.example) [d](mailto:a@b.example)')).toEqual([null, null, null, null]);
  });

  it('makes known citation markers buttons and leaves unknown ones as text', () => {
    const el = dom(renderAnswer('Allowance is 600 EUR [1]. See also [1, 2] and [7].', known));
    const buttons = [...el.querySelectorAll<HTMLButtonElement>('button[data-cite]')];
    expect(buttons.map((b) => b.dataset['cite'])).toEqual(['1', '1', '2']);
    expect(buttons[0]?.getAttribute('type')).toBe('button');
    expect(el.textContent).toContain('[7]');
    expect(el.querySelector('button[data-cite="7"]')).toBeNull();
  });

  it('opens links in a new tab without an opener', () => {
    const a = dom(renderAnswer('[site](https://example.com)', known)).querySelector('a');
    expect(a?.getAttribute('target')).toBe('_blank');
    expect(a?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('keeps a marker split across tokens as text until it closes', () => {
    expect(dom(renderAnswer('600 EUR [', known)).querySelector('button')).toBeNull();
    expect(dom(renderAnswer('600 EUR [1]', known)).querySelector('button')).not.toBeNull();
  });
});
