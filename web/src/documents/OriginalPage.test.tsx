import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { ApiProvider } from '../shared/ApiContext';
import { Http } from '../shared/http';
import { fakeFetch, json, problem } from '../testing/fakeFetch';
import { OriginalPage } from './OriginalPage';

function show(path: string, routes: Parameters<typeof fakeFetch>[0]) {
  const api = fakeFetch(routes);
  const { hook, searchHook } = memoryLocation({ path });
  render(
    <ApiProvider http={new Http({ fetch: api.fetch })}>
      <Router hook={hook} searchHook={searchHook}>
        <OriginalPage documentId={path.split('/')[2]!.split('?')[0]!} />
      </Router>
    </ApiProvider>,
  );
}

const guide = { id: 'd1', title: 'Benefits Guide 2025', sourceName: 'benefits-guide.pdf', contentType: 'application/pdf', collection: 'default', pageCount: 6, updatedAt: '2026-11-28T10:00:00Z' };

describe('OriginalPage', () => {
  it('names a document the reader may open and links to the PDF at the page asked for', async () => {
    show('/documents/d1?page=3', { 'GET /api/library/documents/d1': () => json(guide) });
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Benefits Guide 2025');
    expect(screen.getByText(/benefits-guide\.pdf · 6 pages/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open the PDF at page 3' }).getAttribute('href')).toBe('/api/documents/d1/content#page=3');
  });

  it('says in words that a document is not available, never showing the server answer', async () => {
    show('/documents/d2', { 'GET /api/library/documents/d2': () => problem(404, 'This document does not exist or is not shared with your groups.') });
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('This document isn’t available to you');
    expect(screen.getByRole('link', { name: 'Back to chat' }).getAttribute('href')).toBe('/');
  });

  it('treats a malformed address as a missing document', async () => {
    show('/documents/%E0%A4%A', {});
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('This document isn’t available to you');
  });

  describe('a Markdown, HTML or text original', () => {
    const scrolled: Element[] = [];
    beforeEach(() => {
      // jsdom lays nothing out: record what the page scrolls to.
      Element.prototype.scrollIntoView = vi.fn(function (this: Element) {
        scrolled.push(this);
      });
    });
    afterEach(() => {
      scrolled.length = 0;
      window.location.hash = '';
    });

    const handbook = { ...guide, id: 'm1', title: 'Employee Handbook', sourceName: 'employee-handbook.md', contentType: 'text/markdown', pageCount: null };
    const markdown = '# Employee Handbook\n\n## Remote Work\n\n### Hybrid model\n\nUp to **3 days** per week.\n';

    it('renders it and scrolls to and highlights the cited heading', async () => {
      window.location.hash = '#hybrid-model';
      show('/documents/m1', {
        'GET /api/library/documents/m1': () => json(handbook),
        'GET /api/documents/m1/content': () => new Response(markdown, { headers: { 'Content-Type': 'text/markdown' } }),
      });
      const cited = await screen.findByRole('heading', { name: 'Hybrid model' });
      expect(cited.id).toBe('hybrid-model');
      expect(cited.className).toBe('is-cited');
      expect(scrolled).toEqual([cited]);
      expect(document.activeElement).toBe(cited);
      expect(screen.getByRole('region', { name: 'Document text' }).textContent).not.toContain('#');
    });

    it('scrolls to the heading under the cited path when two headings share the anchor', async () => {
      window.location.hash = '#overview';
      show('/documents/m1?section=Employee%20Handbook%20%3E%20Leave%20%3E%20Overview', {
        'GET /api/library/documents/m1': () => json(handbook),
        'GET /api/documents/m1/content': () => new Response('# Employee Handbook\n\n## Remote Work\n\n### Overview\n\nA\n\n## Leave\n\n### Overview\n\nB\n'),
      });
      await screen.findByRole('heading', { name: 'Leave' });
      const [remote, leave] = screen.getAllByRole('heading', { name: 'Overview' });
      await waitFor(() => expect(leave!.className).toBe('is-cited'));
      expect(remote!.className).toBe('');
      expect(scrolled).toEqual([leave]);
    });

    it('follows a change of section', async () => {
      show('/documents/m1', {
        'GET /api/library/documents/m1': () => json(handbook),
        'GET /api/documents/m1/content': () => new Response(markdown),
      });
      const remote = await screen.findByRole('heading', { name: 'Remote Work' });
      expect(scrolled).toEqual([]);
      window.location.hash = '#remote-work';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      await waitFor(() => expect(remote.className).toBe('is-cited'));
    });

    it('shows a text original with the quoted words marked', async () => {
      const faq = { ...handbook, id: 't1', sourceName: 'faq.txt', contentType: 'text/plain' };
      show('/documents/t1?text=Come%20to%20the%20main%20reception', {
        'GET /api/library/documents/t1': () => json(faq),
        'GET /api/documents/t1/content': () => new Response('Q: Where?\nA: Come to the main\nreception at 9:00.'),
      });
      const mark = await screen.findByText((_, e) => e?.tagName === 'MARK');
      expect(mark.textContent).toBe('Come to the main\nreception');
      expect(scrolled).toEqual([mark]);
    });

    it('says so when the file is gone, with Retry', async () => {
      show('/documents/m1', {
        'GET /api/library/documents/m1': () => json(handbook),
        'GET /api/documents/m1/content': () => problem(404, 'The file of document m1 is no longer stored.'),
      });
      expect((await screen.findByRole('alert')).textContent).toContain('no longer stored');
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Employee Handbook');
    });

    it('leaves a PDF to the file link', async () => {
      show('/documents/d1', { 'GET /api/library/documents/d1': () => json(guide) });
      await screen.findByRole('link', { name: 'Open the original' });
      expect(screen.queryByRole('region', { name: 'Document text' })).toBeNull();
    });
  });

  it('offers Retry when the server fails', async () => {
    show('/documents/d3', { 'GET /api/library/documents/d3': () => problem(503, 'The knowledge base is temporarily unavailable.') });
    expect((await screen.findByRole('alert')).textContent).toContain('temporarily unavailable');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});
