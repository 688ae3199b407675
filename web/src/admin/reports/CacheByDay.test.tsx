import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CacheByDay, hitRate } from './CacheByDay';

describe('answer cache by day', () => {
  it('shows hits, hit rate and cost saved per day', () => {
    render(
      <CacheByDay
        days={[{ day: '2026-11-29', questions: 8, inputTokens: 0, outputTokens: 0, cost: 0.01, cacheHits: 2, costSaved: 0.004 }]}
      />,
    );
    const row = screen.getByRole('row', { name: /2026-11-29/ });
    expect(row.textContent).toContain('25 %');
    expect(row.textContent).toContain('2');
  });

  it('has no rate without questions', () => {
    expect(hitRate(0, 0)).toBe('—');
    expect(hitRate(3, 1)).toBe('33 %');
  });
});
