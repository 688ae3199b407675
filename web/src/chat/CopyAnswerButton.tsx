import { useEffect, useState } from 'react';
import { Icon } from '../shared/Icon';
import { answerForClipboard, type Turn } from './turn';

/** Copies the answer with its sources as a list; says whether that worked. */
export function CopyAnswerButton({ turn }: { turn: Turn }) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (status === 'idle') return;
    const timer = setTimeout(() => setStatus('idle'), 2500);
    return () => clearTimeout(timer);
  }, [status]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(answerForClipboard(turn));
      setStatus('copied');
    } catch {
      setStatus('failed');
    }
  }

  return (
    <span className="copy-answer">
      <button type="button" className="btn btn-ghost btn-icon" aria-label="Copy answer" title="Copy answer with its sources" onClick={() => void copy()}>
        <Icon name={status === 'copied' ? 'check' : 'copy'} size={16} />
      </button>
      <span className="muted small" role="status">
        {status === 'copied' ? 'Copied' : status === 'failed' ? 'Copying is blocked in this browser' : ''}
      </span>
    </span>
  );
}
