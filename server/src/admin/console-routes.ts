import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';

/**
 * GET /admin: the admin console, static files served by the server itself. The page holds no data;
 * it asks for the admin token and only then calls the admin API. Its CSP allows nothing but our
 * own origin (no inline script, no third party).
 */
const ASSETS = new URL('../../admin-console/', import.meta.url); // same from src/ and dist/
const FILES = {
  '/admin': ['index.html', 'text/html; charset=utf-8'],
  '/admin/console.js': ['console.js', 'text/javascript; charset=utf-8'],
  '/admin/console.css': ['console.css', 'text/css; charset=utf-8'],
} as const;
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export function adminConsoleRoutes() {
  const app = new Hono<AppEnv>();
  for (const [path, [file, type]] of Object.entries(FILES)) {
    let body: string | undefined;
    app.get(path, (c) => {
      body ??= readFileSync(new URL(file, ASSETS), 'utf8');
      c.header('Content-Type', type);
      c.header('Content-Security-Policy', CSP);
      c.header('Cache-Control', 'no-cache');
      return c.body(body);
    });
  }
  return app;
}
