import type { UsageFigures, UsageRow } from './types';

export interface LabelledFigures extends UsageFigures {
  label: string;
}

const LabelFields = ['key', 'name', 'label'];

/**
 * A breakdown as labelled rows, whether the server sends an array of rows naming their key
 * (`model`, `user`, `day`…) or an object keyed by it.
 */
export function usageRows(value: UsageRow[] | Record<string, UsageFigures> | null | undefined, keyField: string): LabelledFigures[] {
  if (!value) return [];
  const figures = (f: Partial<UsageFigures>) => ({
    questions: Number(f.questions ?? 0),
    inputTokens: Number(f.inputTokens ?? 0),
    outputTokens: Number(f.outputTokens ?? 0),
    cost: Number(f.cost ?? 0),
  });
  if (Array.isArray(value)) {
    return value.map((row) => {
      const field = [keyField, ...LabelFields].find((k) => row[k] !== undefined && row[k] !== null);
      return { label: field ? String(row[field]) : '—', ...figures(row) };
    });
  }
  return Object.entries(value).map(([label, f]) => ({ label, ...figures(f) }));
}
