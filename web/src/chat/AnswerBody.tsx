import { useMemo, type MouseEvent } from 'react';
import { renderAnswer } from './markdown';
import type { Citation, GuardrailEvent } from './types';
import { markUnsupported } from './unsupported';

interface Props {
  text: string;
  citations: Citation[];
  /** What the guardrails did; flagged sentences are marked where they stand. */
  guardrails?: GuardrailEvent[];
  streaming: boolean;
  id?: string;
  onCite(number: number): void;
}

/** The answer as sanitized Markdown; `[n]` buttons open source n (one delegated handler); unsupported sentences marked. */
export function AnswerBody({ text, citations, guardrails, streaming, id, onCite }: Props) {
  const known = useMemo(() => new Set(citations.map((c) => c.number)), [citations]);
  const html = useMemo(() => renderAnswer(markUnsupported(text, guardrails ?? []), known), [text, guardrails, known]);

  function click(e: MouseEvent<HTMLDivElement>) {
    const button = (e.target as HTMLElement).closest<HTMLElement>('button[data-cite]');
    if (button) onCite(Number(button.dataset['cite']));
  }

  return (
    <div
      className={`answer-body${streaming ? ' is-streaming' : ''}`}
      id={id}
      aria-live="polite"
      aria-busy={streaming}
      onClick={click}
      // Sanitized by DOMPurify in renderAnswer.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
