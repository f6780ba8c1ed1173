/**
 * Settings from the environment, as `npm start` passes them:
 * - `COREITSM_SITE_PORTS` — two comma-separated ports for Service Desk and Status Portal (default 8081,8082);
 * - `COREITSM_PORT` — where the consent server listens (default 8787), used as `http://127.0.0.1:<port>`;
 * - `COREITSM_API_URL` — a full consent server URL instead (e.g. a deployed one); `off` runs the SDK offline-only.
 * A bad value is an error naming the variable: the demo does not start on a guess.
 */
export interface DemoConfig {
  readonly ports: readonly [number, number];
  readonly apiUrl: string | null;
}

function parsePort(text: string, variable: string): number {
  const port = Number(text.trim());
  if (!/^\d{1,5}$/.test(text.trim()) || port > 65535) {
    throw new Error(`${variable}: "${text}" is not a port number (0–65535)`);
  }
  return port;
}

export function readDemoConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  let ports: [number, number] = [8081, 8082];
  const sitePorts = env.COREITSM_SITE_PORTS;
  if (sitePorts !== undefined && sitePorts !== '') {
    const parts = sitePorts.split(',');
    if (parts.length !== 2) {
      throw new Error(
        `COREITSM_SITE_PORTS: expected two comma-separated ports (Service Desk, Status Portal), got "${sitePorts}"`,
      );
    }
    ports = [
      parsePort(parts[0] ?? '', 'COREITSM_SITE_PORTS'),
      parsePort(parts[1] ?? '', 'COREITSM_SITE_PORTS'),
    ];
  }
  const explicit = env.COREITSM_API_URL;
  if (explicit === 'off') return { ports, apiUrl: null };
  if (explicit !== undefined && explicit !== '') {
    let url: URL;
    try {
      url = new URL(explicit);
    } catch {
      throw new Error(`COREITSM_API_URL: "${explicit}" is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`COREITSM_API_URL: "${explicit}" must be an http(s) URL`);
    }
    return { ports, apiUrl: explicit.replace(/\/+$/, '') };
  }
  const serverPort = parsePort(env.COREITSM_PORT || '8787', 'COREITSM_PORT');
  return { ports, apiUrl: `http://127.0.0.1:${serverPort}` };
}
