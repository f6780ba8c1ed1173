// The demo page's own script (not part of the consent manager): it lists the consent-gated tags
// that ran, from `window.demoTagLog`, and shows the current consent state from the SDK's events.
(() => {
  window.demoTags = window.demoTags || {};
  window.demoTagLog = window.demoTagLog || [];

  function renderTags() {
    const list = document.getElementById('tags-ran');
    if (!list) return;
    const items = window.demoTagLog.map((entry) => {
      const li = document.createElement('li');
      li.dataset.tag = entry.tag;
      li.textContent = `${entry.label} (${entry.tag}) ran at ${Math.round(entry.at)} ms`;
      return li;
    });
    if (items.length > 0) list.replaceChildren(...items);
  }

  function renderState(state) {
    const dl = document.getElementById('consent-state');
    if (!dl || !state || typeof state !== 'object') return;
    const rows = [];
    const choices = state.choices && typeof state.choices === 'object' ? state.choices : {};
    for (const [purpose, value] of Object.entries(choices)) rows.push([purpose, String(value)]);
    if (typeof state.jurisdiction === 'string') rows.push(['jurisdiction', state.jurisdiction]);
    // The SDK's state says whether these are a person's decision or the jurisdiction's defaults.
    if (state.decided === true) {
      const when =
        typeof state.createdAt === 'string'
          ? ` on ${state.createdAt.slice(0, 16).replace('T', ' ')} UTC`
          : '';
      rows.push(['decision', `${typeof state.method === 'string' ? state.method : 'made'}${when}`]);
    } else if (state.decided === false) {
      rows.push(['decision', 'none yet (defaults shown)']);
    }
    if (state.gpcHonored === true) rows.push(['GPC', 'Opt-out preference signal honored']);
    if (rows.length === 0) rows.push(['Status', 'No decision yet']);
    dl.replaceChildren(
      ...rows.flatMap(([term, value]) => {
        const dt = document.createElement('dt');
        dt.textContent = term;
        const dd = document.createElement('dd');
        dd.textContent = value;
        return [dt, dd];
      }),
    );
  }

  document.addEventListener('demo:tag', renderTags);
  document.addEventListener('coreconsent:ready', (event) => renderState(event.detail));
  document.addEventListener('coreconsent:change', (event) => renderState(event.detail));
  document.addEventListener('DOMContentLoaded', () => {
    renderTags();
    if (window.CoreConsent && typeof window.CoreConsent.get === 'function') {
      Promise.resolve(window.CoreConsent.get()).then(renderState, () => undefined);
    }
  });
})();
