import { html } from '../html.js';
import type { PageContext } from '../page-context.js';
import { renderLayout, tagsPanel } from '../page-layout.js';
import { gatedVideo } from './gated-video.js';

const TICKETS = [
  {
    id: 'INC-20431',
    subject: 'VPN drops every 30 minutes for the Lisbon office',
    priority: 'High',
    status: 'In progress',
    updated: '12 min ago',
  },
  {
    id: 'REQ-18822',
    subject: 'New laptop for onboarding: M. Duarte',
    priority: 'Medium',
    status: 'Awaiting approval',
    updated: '1 h ago',
  },
  {
    id: 'INC-20429',
    subject: 'Shared mailbox "finance@" not syncing on mobile',
    priority: 'Medium',
    status: 'New',
    updated: '2 h ago',
  },
  {
    id: 'CHG-4410',
    subject: 'Patch window: database cluster minor upgrade',
    priority: 'Low',
    status: 'Scheduled',
    updated: 'Yesterday',
  },
  {
    id: 'PRB-0917',
    subject: 'Recurring print spooler crashes on floor 3',
    priority: 'High',
    status: 'Root cause analysis',
    updated: 'Yesterday',
  },
  {
    id: 'REQ-18790',
    subject: 'Access to the CMDB reporting workspace',
    priority: 'Low',
    status: 'Resolved',
    updated: '3 days ago',
  },
] as const;

export function renderServiceDeskHome(ctx: PageContext): string {
  const rows = TICKETS.map(
    (t) => html`<tr>
      <th scope="row"><a href="#${t.id}">${t.id}</a></th>
      <td>${t.subject}</td>
      <td><span class="badge badge--${t.priority.toLowerCase()}">${t.priority}</span></td>
      <td>${t.status}</td>
      <td>${t.updated}</td>
    </tr>`,
  );
  const main = html`<div class="page-title">
      <h1>My tickets</h1>
      <p class="muted">Good afternoon, Alex. 4 tickets need your attention.</p>
    </div>
    <div class="layout">
      <section class="card" aria-labelledby="queue-title">
        <h2 id="queue-title">Open queue</h2>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Tickets assigned to you</caption>
            <thead><tr><th scope="col">Ticket</th><th scope="col">Subject</th><th scope="col">Priority</th><th scope="col">Status</th><th scope="col">Updated</th></tr></thead>
            <tbody>${rows}</tbody>
          </table>
        </div>
      </section>
      <div class="stack">
        ${tagsPanel()}
        ${gatedVideo(ctx.site.videoTitle)}
      </div>
    </div>`;
  return renderLayout(ctx, { title: 'My tickets', path: '/', main });
}
