import { SiteConfigSchema } from '@coreitsm/protocol';
import { describe, expect, it } from 'vitest';
import { jsonScriptText, SITE_CONFIGS } from './site-configs.js';

describe('the demo sites’ configurations', () => {
  it.each(Object.entries(SITE_CONFIGS))('%s passes the protocol schema', (_id, config) => {
    const result = SiteConfigSchema.safeParse(config);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });

  it('inlines safely: nothing closes the script element, and it reads back the same', () => {
    const hostile = { siteName: '</script><img src=x onerror=alert(1)>' };
    const text = jsonScriptText(hostile);
    expect(text).not.toContain('<');
    expect(JSON.parse(text)).toEqual(hostile);
  });
});
