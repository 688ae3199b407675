import { useEffect, useState } from 'react';

/**
 * Seconds to wait before retrying, read from a rate-limit message ("…try again in 20 s",
 * "Retry after 5 seconds"); null when the message names no wait.
 */
export function retryDelaySeconds(message: string | null): number | null {
  const m = /(?:retry|try again)\D{0,20}?(\d{1,5})\s*(?:s|sec|secs|seconds?)\b/i.exec(message ?? '');
  return m ? Number.parseInt(m[1]!, 10) : null;
}

/** Retry, disabled with a countdown while the server asked us to wait. */
export function RetryButton({ message, onRetry }: { message: string | null; onRetry(): void }) {
  const [left, setLeft] = useState(() => retryDelaySeconds(message) ?? 0);

  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);

  return (
    <button type="button" className="btn btn-secondary btn-small" disabled={left > 0} onClick={onRetry}>
      {left > 0 ? `Retry in ${left} s` : 'Retry'}
    </button>
  );
}
