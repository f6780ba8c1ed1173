import { describe, expect, it } from 'vitest';
import { loadPolicyHtml, policyToHtml } from './privacy-policy.js';

describe('policyToHtml', () => {
  it('turns headings, bullets and paragraphs into HTML and escapes the text', () => {
    const out = policyToHtml(
      'Back to Home\n\nPrivacy Policy\n\nOur Principles\n\nWe <care>.\n\n  • One\n  • Two & three\n',
    ).value;
    expect(out).toBe(
      '<h1>Privacy Policy</h1><h2>Our Principles</h2><p>We &lt;care&gt;.</p><ul><li>One</li><li>Two &amp; three</li></ul>',
    );
  });

  it('renders the shipped policy with one h1 and its sections', () => {
    const out = loadPolicyHtml().value;
    expect(out.match(/<h1>/g)).toHaveLength(1);
    expect(out).toContain('<h2>Data Retention</h2>');
    expect(out).toContain('Last updated: April 8, 2026');
  });
});
