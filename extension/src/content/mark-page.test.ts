// @vitest-environment happy-dom
import { EXTENSION_MARK } from '@coreitsm/protocol';
import { describe, expect, it } from 'vitest';
import { markPage } from './mark-page.js';

describe('the mark the SDK looks for before fetching its announce', () => {
  it('is put on <html> at once when the root element exists', () => {
    document.documentElement.removeAttribute(EXTENSION_MARK);
    markPage(document);
    expect(document.documentElement.hasAttribute(EXTENSION_MARK)).toBe(true);
  });

  it('waits for a root element that does not exist yet (document_start), then marks it', async () => {
    const doc = document.implementation.createHTMLDocument();
    doc.removeChild(doc.documentElement);
    expect(doc.documentElement).toBeNull();
    markPage(doc);
    doc.appendChild(doc.createElement('html'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(doc.documentElement?.hasAttribute(EXTENSION_MARK)).toBe(true);
  });
});
