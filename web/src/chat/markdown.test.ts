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
    expect(html).not.toMatch(/onerror|onmouseover|javascript:/i);
    expect(el.querySelector('b')?.textContent).toBe('b');
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
