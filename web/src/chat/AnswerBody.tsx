import { useMemo, type MouseEvent } from 'react';
import { renderAnswer } from './markdown';
import type { Citation } from './types';

interface Props {
  text: string;
  citations: Citation[];
  streaming: boolean;
  id?: string;
  onCite(number: number): void;
}

/** The answer as sanitized Markdown; `[n]` buttons open source n (one delegated handler). */
export function AnswerBody({ text, citations, streaming, id, onCite }: Props) {
  const known = useMemo(() => new Set(citations.map((c) => c.number)), [citations]);
  const html = useMemo(() => renderAnswer(text, known), [text, known]);

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
