/**
 * Which origins the extension manages. Out of the box: the demo sites wherever they run on
 * localhost or 127.0.0.1 (any port, http or https); anything else is added in the options page,
 * which asks for that origin's host permission at run time.
 */
export const BUILT_IN_HOSTS = ['localhost', '127.0.0.1'] as const;

/** Match patterns for the built-in hosts (a pattern without a port matches every port). */
export const BUILT_IN_MATCHES = BUILT_IN_HOSTS.map((host) => `*://${host}/*`);

/** The match pattern of one origin: scheme and host (ports are not part of match patterns). */
export function matchPatternFor(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/** The origin of a URL, or null when it is not an http(s) URL. */
export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** Whether the extension manages `origin`, given the origins added in options. */
export function isManagedOrigin(origin: string, added: readonly string[]): boolean {
  const host = new URL(origin).hostname;
  return (BUILT_IN_HOSTS as readonly string[]).includes(host) || added.includes(origin);
}

/** Host names the GPC header rule covers: the built-in hosts and every added origin's host. */
export function managedHosts(added: readonly string[]): string[] {
  return [...new Set([...BUILT_IN_HOSTS, ...added.map((origin) => new URL(origin).hostname)])];
}
