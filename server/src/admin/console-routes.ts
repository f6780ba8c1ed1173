import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';

export function adminConsoleRoutes() {
  return new Hono<AppEnv>().get('/admin', (c) =>
    c.html('<!doctype html><title>CoreITsm Consent admin</title><p>Coming soon.</p>'),
  );
}
