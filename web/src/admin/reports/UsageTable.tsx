import { useState } from 'react';
import { formatCost, formatNumber } from '../../shared/format';
import { Pager } from '../../shared/Pager';
import type { LabelledFigures } from './usageRows';

const PageSize = 10;

/** One breakdown of the report, ten rows a page (the report is already summed: paging happens here). */
export function UsageTable({ title, keyTitle, rows }: { title: string; keyTitle: string; rows: LabelledFigures[] }) {
  const [offset, setOffset] = useState(0);
  const start = offset < rows.length ? offset : 0;
  return (
    <section className="card" aria-label={title}>
      <h3 className="card-title">{title}</h3>
      {rows.length === 0 ? (
        <p className="muted pad">No answers in this period.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={`${title} table`} tabIndex={0}>
          <table className="table table-cards">
            <thead>
              <tr>
                <th scope="col">{keyTitle}</th>
                <th scope="col" className="num">
                  Questions
                </th>
                <th scope="col" className="num">
                  Input tokens
                </th>
                <th scope="col" className="num">
                  Output tokens
                </th>
                <th scope="col" className="num">
                  Cost
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(start, start + PageSize).map((r) => (
                <tr key={r.label}>
                  <td data-label={keyTitle}>{r.label}</td>
                  <td className="num" data-label="Questions">
                    {formatNumber(r.questions)}
                  </td>
                  <td className="num" data-label="Input tokens">
                    {formatNumber(r.inputTokens)}
                  </td>
                  <td className="num" data-label="Output tokens">
                    {formatNumber(r.outputTokens)}
                  </td>
                  <td className="num" data-label="Cost">
                    {formatCost(r.cost)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager label={title} offset={start} pageSize={PageSize} total={rows.length} onOffset={setOffset} />
    </section>
  );
}
