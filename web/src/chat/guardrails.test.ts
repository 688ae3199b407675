import { describe, expect, it } from 'vitest';
import { renderAnswer } from './markdown';
import { blockOf, newTurn, reduceTurn } from './turn';
import type { GuardrailEvent } from './types';

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
});
