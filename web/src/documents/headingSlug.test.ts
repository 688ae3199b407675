import { describe, expect, it } from 'vitest';
// The same vectors the server's HeadingAnchorTests check: a citation's anchor is a heading id here.
import vectors from '../../../tests/Vectors/heading-anchors.json';
import { headingSlug } from './headingSlug';
import { renderOriginal } from './originalView';

describe('headingSlug', () => {
  it.each(vectors.slugs.map((v) => [v.heading, v.slug] as const))('%j → %j, as the server slugs it', (heading, slug) => {
    expect(headingSlug(heading)).toBe(slug);
  });
});

describe('renderOriginal heading ids', () => {
  it.each(vectors.documents.map((d) => [d.sourceName, d] as const))('%s: its headings carry the anchors the server gives them', (_, d) => {
    const container = document.createElement('div');
    container.innerHTML = renderOriginal(d.contentType === 'text/html' ? 'html' : 'markdown', d.text);
    expect([...container.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => h.id)).toEqual(d.anchors);
  });
});
