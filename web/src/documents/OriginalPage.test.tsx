import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
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

  it('offers Retry when the server fails', async () => {
    show('/documents/d3', { 'GET /api/library/documents/d3': () => problem(503, 'The knowledge base is temporarily unavailable.') });
    expect((await screen.findByRole('alert')).textContent).toContain('temporarily unavailable');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});
