import { describe, expect, it } from 'vitest';
import { renderAnswer } from './markdown';
import { blockOf, newTurn, reduceTurn } from './turn';
import type { GuardrailEvent } from './types';
import { markUnsupported } from './unsupported';

const redact: GuardrailEvent = {
  type: 'guardrail',
  rule: 'pii.payment_card',
  action: 'redact',
  spanKind: 'card number',
  message: 'A card number was removed from the answer.',
  target: 'answer',
  start: 12,
  length: 23,
};

function dom(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('guardrails in the answer', () => {
  it('keeps every guardrail event of a turn and finds the block', () => {
    let turn = reduceTurn(newTurn('k', 'q'), { type: 'retrieval', citations: [] });
    turn = reduceTurn(turn, redact);
    expect(blockOf(turn)).toBeNull();
    turn = reduceTurn(turn, { ...redact, rule: 'secret.private_key', action: 'block', spanKind: 'private key' });
    expect(turn.guardrails).toHaveLength(2);
    expect(blockOf(turn)?.rule).toBe('secret.private_key');
  });

  it('a dropped source is not a blocked answer', () => {
    const turn = reduceTurn(newTurn('k', 'q'), { ...redact, rule: 'injection.source', action: 'block', target: 'source' });
    expect(blockOf(turn)).toBeNull();
  });

  it('marks a redaction inside the answer, and only the guardrails\u2019 own marker', () => {
    const el = dom(renderAnswer('Your card is [redacted: card number] [1]. See [redacted: <b>x</b>].', new Set([1])));
    const marks = el.querySelectorAll('mark.redaction');
    expect(marks).toHaveLength(1);
    expect(marks[0]?.textContent).toBe('[redacted: card number]');
    expect(el.querySelector('button.cite')).not.toBeNull();
    expect(el.querySelector('b')).toBeNull();
  });

  const flag = (start: number, length: number, rule = 'groundedness'): GuardrailEvent => ({
    type: 'guardrail',
    rule,
    action: 'flag',
    spanKind: 'unsupported sentence',
    message: 'This sentence is not clearly supported by the sources.',
    target: 'answer',
    start,
    length,
  });

  it('marks an unsupported sentence where the flag places it, keeping its citation and emphasis', () => {
    const text = 'FlexFit gives 600 EUR [1]. Unused allowance is **paid out** in December [1].';
    const start = text.indexOf('Unused');
    const el = dom(renderAnswer(markUnsupported(text, [flag(start, text.length - start)]), new Set([1])));
    const mark = el.querySelector('mark.unsupported');
    expect(mark?.textContent).toBe('Unused allowance is paid out in December [1].');
    expect(mark?.querySelector('strong')?.textContent).toBe('paid out');
    expect(mark?.querySelector('button.cite')).not.toBeNull();
    expect(el.querySelector('.unsupported-tag')?.textContent).toBe('unsupported');
    expect(el.querySelectorAll('button.cite')).toHaveLength(2);
    expect(el.textContent).not.toMatch(/[\uE000-\uE002]/);
  });

  it('marks a flagged list item after its bullet, so the list stays a list, and a wrong citation with its own tag', () => {
    const text = 'Covered [1]:\n- Gym memberships\n- Ski trips';
    const el = dom(renderAnswer(markUnsupported(text, [flag(text.indexOf('- Ski'), '- Ski trips'.length, 'citation.unsupported')]), new Set([1])));
    expect(el.querySelectorAll('li')).toHaveLength(2);
    expect(el.querySelector('li:last-child mark.unsupported')?.textContent).toBe('Ski trips');
    expect(el.querySelector('.unsupported-tag')?.textContent).toBe('citation unclear');
  });

  it('leaves a flagged table row unmarked so the table stays a table', () => {
    const text = 'Caps:\n\n| City | Cap |\n|---|---|\n| Paris | 230 EUR |';
    const el = dom(renderAnswer(markUnsupported(text, [flag(text.indexOf('| Paris'), '| Paris | 230 EUR |'.length)]), new Set()));
    expect(el.querySelectorAll('td')).toHaveLength(2);
    expect(el.querySelector('mark.unsupported')).toBeNull();
  });

  it('ignores flags outside the text, of other rules or overlapping, and neutralises sentinels the model wrote', () => {
    const text = 'One. Two \uE000three\uE002.';
    const marked = markUnsupported(text, [flag(40, 5), flag(0, 4), flag(2, 4), { ...redact, action: 'flag' }]);
    const el = dom(renderAnswer(marked, new Set()));
    expect(el.querySelectorAll('mark.unsupported')).toHaveLength(1);
    expect(el.querySelector('mark.unsupported')?.textContent).toBe('One.');
    expect(el.textContent).not.toMatch(/[\uE000-\uE002]/);
  });

  it('a replacing answer starts over and the flags of the cut-off text lose their place', () => {
    let turn = reduceTurn(newTurn('k', 'q'), { type: 'retrieval', citations: [] });
    turn = reduceTurn(turn, { type: 'token', text: 'Partial answer. ' });
    turn = reduceTurn(turn, flag(0, 15));
    turn = reduceTurn(turn, { type: 'notice', message: 'The model stopped; the answer below comes from b.', replacesAnswer: true });
    turn = reduceTurn(turn, { type: 'token', text: 'New answer.' });
    expect(turn.text).toBe('New answer.');
    expect(turn.guardrails[0]?.start).toBeNull();
    expect(markUnsupported(turn.text, turn.guardrails)).toBe('New answer.');
    expect(turn.notices).toHaveLength(1);
  });
});
