import { useState } from 'react';
import { useHttp } from '../../shared/ApiContext';
import { Alert } from '../../shared/Alert';
import { formatCost, formatNumber, isoDay } from '../../shared/format';
import { useResource } from '../../shared/useResource';
import { Unavailable } from '../Unavailable';
import { CacheByDay, hitRate } from './CacheByDay';
import type { UsageReport } from './types';
import { usageRows } from './usageRows';
import { UsageTable } from './UsageTable';

function query(from: string, to: string): string {
  const p = new URLSearchParams();
  if (from) p.set('from', from);
  if (to) p.set('to', to);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function UsagePage() {
  const http = useHttp();
  const [from, setFrom] = useState(() => isoDay(new Date(Date.now() - 29 * 86_400_000)));
  const [to, setTo] = useState(() => isoDay(new Date()));
  const q = query(from, to);
  const [report] = useResource(() => http.get<UsageReport>(`/api/admin/usage${q}`), q);

  return (
    <div className="admin-page">
      <section className="card" aria-labelledby="usage-title">
        <div className="card-header">
          <h2 className="card-title" id="usage-title">
            Usage and cost
          </h2>
          <a className="btn btn-secondary btn-small" href={`/api/admin/usage.csv${q}`} download>
            Export CSV
          </a>
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor="usage-from">From</label>
            <input id="usage-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="usage-to">To</label>
            <input id="usage-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
        </div>
        {report.state === 'loading' && <p className="muted pad">Loading…</p>}
        {report.state === 'unavailable' && <Unavailable what="The usage report" />}
        {report.state === 'error' && <Alert>{report.message}</Alert>}
        {report.state === 'ready' && (
          <dl className="stats">
            <div>
              <dt>Questions</dt>
              <dd>{formatNumber(report.data.totals?.questions ?? 0)}</dd>
            </div>
            <div>
              <dt>Input tokens</dt>
              <dd>{formatNumber(report.data.totals?.inputTokens ?? 0)}</dd>
            </div>
            <div>
              <dt>Output tokens</dt>
              <dd>{formatNumber(report.data.totals?.outputTokens ?? 0)}</dd>
            </div>
            <div>
              <dt>Cost</dt>
              <dd>{formatCost(report.data.totals?.cost ?? 0)}</dd>
            </div>
            <div>
              <dt>Cache hit rate</dt>
              <dd>{hitRate(report.data.totals?.questions ?? 0, report.data.totals?.cacheHits ?? 0)}</dd>
            </div>
            <div>
              <dt>Cost saved by the cache</dt>
              <dd>{formatCost(report.data.totals?.costSaved ?? 0)}</dd>
            </div>
          </dl>
        )}
      </section>
      {report.state === 'ready' && (
        <div className="report-grid">
          <UsageTable title="By model" keyTitle="Model" rows={usageRows(report.data.byModel, 'model')} />
          <UsageTable title="By user" keyTitle="User" rows={usageRows(report.data.byUser, 'user')} />
          <UsageTable title="By collection" keyTitle="Collection" rows={usageRows(report.data.byCollection, 'collection')} />
          <UsageTable title="By day" keyTitle="Day" rows={usageRows(report.data.byDay, 'day')} />
          {Array.isArray(report.data.byDay) && <CacheByDay days={report.data.byDay.map((d) => ({ ...d, day: String(d.day) }))} />}
        </div>
      )}
    </div>
  );
}
