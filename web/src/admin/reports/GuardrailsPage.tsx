import { useState } from 'react';
import { useHttp } from '../../shared/ApiContext';
import { Alert } from '../../shared/Alert';
import { formatNumber, isoDay } from '../../shared/format';
import { useResource } from '../../shared/useResource';
import { Unavailable } from '../Unavailable';
import type { GuardrailCount, GuardrailSummary } from './types';

function CountTable({ label, rows, day }: { label: string; rows: (GuardrailCount & { day?: string })[]; day?: boolean }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table className="table">
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            {day && <th scope="col">Day</th>}
            <th scope="col">Rule</th>
            <th scope="col">Action</th>
            <th scope="col" className="num">
              Count
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.day ?? ''}|${r.rule}|${r.action}`}>
              {day && <td className="small">{r.day}</td>}
              <td>
                <code>{r.rule}</code>
              </td>
              <td>{r.action}</td>
              <td className="num">{formatNumber(r.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Admin › Guardrails: how often each rule acted, by rule and by day (counts only; never the text acted on). */
export function GuardrailsPage() {
  const http = useHttp();
  const [from, setFrom] = useState(() => isoDay(new Date(Date.now() - 29 * 86_400_000)));
  const [to, setTo] = useState(() => isoDay(new Date()));
  const q = `?${new URLSearchParams({ from, to }).toString()}`;
  const [report] = useResource(() => http.get<GuardrailSummary>(`/api/admin/guardrails${q}`), q);

  return (
    <div className="admin-page">
      <section className="card" aria-labelledby="guardrails-title">
        <div className="card-header">
          <h2 className="card-title" id="guardrails-title">
            Guardrails
          </h2>
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor="guardrails-from">From</label>
            <input id="guardrails-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="guardrails-to">To</label>
            <input id="guardrails-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
        </div>
        {report.state === 'loading' && <p className="muted pad">Loading…</p>}
        {report.state === 'unavailable' && <Unavailable what="The guardrails report" />}
        {report.state === 'error' && <Alert>{report.message}</Alert>}
        {report.state === 'ready' &&
          (report.data.total === 0 ? (
            <p className="muted pad">No guardrail acted in this period.</p>
          ) : (
            <>
              <dl className="stats">
                <div>
                  <dt>Actions</dt>
                  <dd>{formatNumber(report.data.total)}</dd>
                </div>
              </dl>
              <h3 className="sources-title">By rule</h3>
              <CountTable label="Guardrail actions by rule" rows={report.data.byRule} />
              <h3 className="sources-title">By day</h3>
              <CountTable label="Guardrail actions by day" rows={report.data.byDay} day />
            </>
          ))}
      </section>
    </div>
  );
}
