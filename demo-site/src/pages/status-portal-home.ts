import { html } from '../html.js';
import type { PageContext } from '../page-context.js';
import { renderLayout, tagsPanel } from '../page-layout.js';
import { offers } from '../site-configs.js';
import { gatedVideo } from './gated-video.js';

const COMPONENTS = [
  { name: 'Service Desk web app', status: 'Operational', level: 'ok', uptime: '99.99%' },
  { name: 'Email ingestion', status: 'Degraded performance', level: 'warn', uptime: '99.82%' },
  { name: 'Public API', status: 'Operational', level: 'ok', uptime: '99.98%' },
  { name: 'Knowledge base', status: 'Operational', level: 'ok', uptime: '100.00%' },
  { name: 'Integrations (Jira, Teams, Slack)', status: 'Partial outage', level: 'bad', uptime: '99.41%' },
  { name: 'Single sign-on', status: 'Operational', level: 'ok', uptime: '99.97%' },
] as const;

const INCIDENTS = [
  { date: 'Nov 26, 2026', title: 'Delayed delivery of inbound email to tickets', state: 'Monitoring' },
  { date: 'Nov 24, 2026', title: 'Teams integration failing to post updates', state: 'Identified' },
  { date: 'Nov 19, 2026', title: 'Scheduled maintenance: search index rebuild', state: 'Completed' },
] as const;

export function renderStatusPortalHome(ctx: PageContext): string {
  const components = COMPONENTS.map(
    (c) => html`<li class="component">
      <span class="component__name">${c.name}</span>
      <span class="status status--${c.level}">${c.status}</span>
      <span class="muted">${c.uptime} uptime (90 days)</span>
    </li>`,
  );
  const incidents = INCIDENTS.map(
    (i) =>
      html`<li><time>${i.date}</time> <strong>${i.title}</strong> <span class="muted">· ${i.state}</span></li>`,
  );
  const main = html`<div class="page-title">
      <h1>System status</h1>
      <p class="summary summary--warn">Some systems are experiencing issues.</p>
    </div>
    <div class="layout">
      <div class="stack">
        <section class="card" aria-labelledby="components-title">
          <h2 id="components-title">Components</h2>
          <ul class="components">${components}</ul>
        </section>
        <section class="card" aria-labelledby="incidents-title">
          <h2 id="incidents-title">Recent incidents</h2>
          <ul class="incidents">${incidents}</ul>
        </section>
      </div>
      <div class="stack">
        ${tagsPanel()}
        ${gatedVideo(ctx.site.videoTitle, offers(ctx.site.id, 'marketing') ? 'marketing' : 'functional')}
      </div>
    </div>`;
  return renderLayout(ctx, { title: 'System status', path: '/', main });
}
