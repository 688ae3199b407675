import { formatCost, formatNumber } from '../../shared/format';
import type { DayUsage } from './types';

/** Share of the questions answered from the cache, as a whole percentage. */
export function hitRate(questions: number, hits: number): string {
  return questions > 0 ? `${Math.round((hits / questions) * 100)} %` : '—';
}

/** The answer cache per day: questions, hits, hit rate and the model cost the hits saved. */
export function CacheByDay({ days }: { days: DayUsage[] }) {
  return (
    <section className="card" aria-label="Answer cache by day">
      <h3 className="card-title">Answer cache by day</h3>
      {days.length === 0 ? (
        <p className="muted pad">No answers in this period.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label="Answer cache by day table" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col" className="num">
                  Questions
                </th>
                <th scope="col" className="num">
                  Cache hits
                </th>
                <th scope="col" className="num">
                  Hit rate
                </th>
                <th scope="col" className="num">
                  Cost saved
                </th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.day}>
                  <td>{d.day}</td>
                  <td className="num">{formatNumber(d.questions)}</td>
                  <td className="num">{formatNumber(d.cacheHits ?? 0)}</td>
                  <td className="num">{hitRate(d.questions, d.cacheHits ?? 0)}</td>
                  <td className="num">{formatCost(d.costSaved ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
