import { formatBytes } from '../../shared/format';
import { ProgressBar } from '../../shared/ProgressBar';
import type { UploadEntry } from './documentsState';

const PhaseLabel: Record<UploadEntry['phase'], string> = {
  waiting: 'Waiting',
  uploading: 'Uploading',
  accepted: 'Uploaded',
  rejected: 'Rejected',
  failed: 'Failed',
};

export function UploadList({ uploads, onDismiss }: { uploads: UploadEntry[]; onDismiss(key: string): void }) {
  if (uploads.length === 0) return null;
  return (
    <section className="card" aria-labelledby="uploads-title">
      <h2 className="card-title" id="uploads-title">
        Uploads
      </h2>
      <ul className="upload-list">
        {uploads.map((u) => (
          <li key={u.key} className={`upload-item phase-${u.phase}`}>
            <div className="upload-item-head">
              <span className="upload-name">{u.fileName}</span>
              <span className="muted small">{formatBytes(u.size)}</span>
              <span className={`status-pill status-${u.phase}`}>{PhaseLabel[u.phase]}</span>
              {(u.phase === 'accepted' || u.phase === 'rejected' || u.phase === 'failed') && (
                <button type="button" className="btn btn-ghost btn-icon" aria-label={`Dismiss ${u.fileName}`} onClick={() => onDismiss(u.key)}>
                  ×
                </button>
              )}
            </div>
            {(u.phase === 'waiting' || u.phase === 'uploading') && <ProgressBar value={u.percent} label={`Uploading ${u.fileName}`} />}
            {u.message && (
              <p className={u.phase === 'accepted' ? 'muted small' : 'field-error'} role={u.phase === 'accepted' ? undefined : 'alert'}>
                {u.message}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
