import { formatCost, formatNumber } from '../../shared/format';
import type { LabelledFigures } from './usageRows';

export function UsageTable({ title, keyTitle, rows }: { title: string; keyTitle: string; rows: LabelledFigures[] }) {
  return (
    <section className="card" aria-label={title}>
      <h3 className="card-title">{title}</h3>
      {rows.length === 0 ? (
        <p className="muted pad">No answers in this period.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={`${title} table`} tabIndex={0}>
          <table className="table">
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
              {rows.map((r) => (
                <tr key={r.label}>
                  <td>{r.label}</td>
                  <td className="num">{formatNumber(r.questions)}</td>
                  <td className="num">{formatNumber(r.inputTokens)}</td>
                  <td className="num">{formatNumber(r.outputTokens)}</td>
                  <td className="num">{formatCost(r.cost)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
