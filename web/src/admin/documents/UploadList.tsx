import { useEffect, useRef } from 'react';
import { formatBytes } from '../../shared/format';
import { ProgressBar } from '../../shared/ProgressBar';
import { isSettled, outcomeNote, stageLabel, type UploadRow } from './uploadRow';

interface Props {
  uploads: UploadRow[];
  onDismiss(key: string): void;
  onClearFinished(): void;
}

/** One row per dropped file, from upload to ready (or failed, with the reason), until dismissed. */
export function UploadList({ uploads, onDismiss, onClearFinished }: Props) {
  const ref = useRef<HTMLElement>(null);
  const count = uploads.length;
  // A new batch scrolls into view, so its rows are seen while they run.
  useEffect(() => {
    if (count > 0) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [count]);

  if (count === 0) return null;
  const settled = uploads.filter(isSettled).length;
  return (
    <section className="card" aria-labelledby="uploads-title" ref={ref}>
      <div className="card-header">
        <h2 className="card-title" id="uploads-title">
          Uploads
        </h2>
        {settled > 0 && (
          <button type="button" className="btn btn-ghost btn-small" onClick={onClearFinished}>
            Clear finished
          </button>
        )}
      </div>
      <ul className="upload-list" aria-label="Uploads">
        {uploads.map((u) => {
          const note = outcomeNote(u);
          const running = !isSettled(u);
          return (
            <li key={u.key} className={`upload-item stage-${u.stage}`} aria-label={u.fileName}>
              <div className="upload-item-head">
                <span className="upload-name">{u.title ?? u.fileName}</span>
                <span className="muted small">{formatBytes(u.size)}</span>
                <span className={`status-pill status-${u.stage}`} role="status">
                  {stageLabel(u)}
                </span>
                {!running && (
                  <button type="button" className="btn btn-ghost btn-icon" aria-label={`Dismiss ${u.fileName}`} onClick={() => onDismiss(u.key)}>
                    ×
                  </button>
                )}
              </div>
              {u.title && u.title !== u.fileName && <div className="muted small upload-file">{u.fileName}</div>}
              {running && <ProgressBar value={u.stage === 'waiting' ? 0 : u.percent} label={`${stageLabel(u)}: ${u.fileName}`} />}
              {note && <p className="muted small upload-note">{note}</p>}
              {u.error && (
                <p className="field-error" role="alert">
                  {u.error}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
