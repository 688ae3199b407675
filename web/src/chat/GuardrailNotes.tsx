import { blockOf, type Turn } from './turn';

/**
 * What the guardrails did to an answer, under it: a stopped answer says why; redactions and flags are listed by
 * kind (the text they acted on is never sent to the browser). The markers inside the answer are styled by markdown.ts.
 */
export function GuardrailNotes({ turn }: { turn: Turn }) {
  const block = blockOf(turn);
  if (block) {
    return (
      <p className="guardrail-note is-blocked" role="status">
        <strong>Answer stopped by a guardrail.</strong> {block.message}
      </p>
    );
  }

  const acted = turn.guardrails.filter((g) => g.action === 'redact' || g.action === 'flag' || g.action === 'drop');
  if (acted.length === 0) return null;
  const kinds = [...new Set(acted.map((g) => g.spanKind || g.rule))];
  return (
    <p className="guardrail-note small" role="note">
      Guardrails acted on this answer or its sources: {kinds.join(', ')}.
    </p>
  );
}
