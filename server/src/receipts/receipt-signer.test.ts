import { generateKeyPairSync } from 'node:crypto';
import { CompactSign } from 'jose';
import { expect, it } from 'vitest';
import { compactEdDsaJws } from './receipt-signer.js';

/** The receipts are signed with node:crypto directly: they must be the very bytes jose made. */
it('signs receipts byte for byte as jose CompactSign does', async () => {
  for (let i = 0; i < 20; i++) {
    const { privateKey } = generateKeyPairSync('ed25519');
    const kid = `kid-${i}-ü"\\`;
    const payload = JSON.stringify({
      iss: 'https://consent.example',
      sub: `sub_${i}`,
      rid: '0193a1d2-7c1e-7a4b-9f00-2b9c3c5d6e7f',
      sid: `site ${'é'.repeat(i)}`,
      h: 'a'.repeat(64),
      rat: new Date(i * 1e11).toISOString(),
    });
    const header = Buffer.from(JSON.stringify({ alg: 'EdDSA', kid })).toString('base64url');
    const ours = compactEdDsaJws(header, payload, privateKey);
    const jose = await new CompactSign(new TextEncoder().encode(payload))
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .sign(privateKey);
    expect(ours).toBe(jose);
  }
});
