/**
 * The preference center's rules (dialog, switches, history, rights form), adopted next to the
 * banner's stylesheet (styles.ts, which defines the custom properties) when the center first opens.
 * The backdrop is as wide as the screen, not the page, for the reason given in styles.ts.
 */
export const PREFERENCES_CSS = `
.backdrop{position:fixed;inset:auto auto var(--cc-vb,0) var(--cc-vl,0);width:var(--cc-vw,min(100%,100vw));height:var(--cc-vh,100%);background:rgba(0,0,0,.55);display:flex;align-items:center;justify-content:center;padding:12px}
.dialog{width:100%;max-width:40rem;max-height:calc(var(--cc-vh,100vh) - 24px);overflow:auto;padding:20px}
.head{display:flex;justify-content:space-between;align-items:start;gap:8px}
.purpose{border-top:1px solid var(--b);padding:10px 0}
.purpose label{display:flex;justify-content:space-between;align-items:center;gap:12px;font-weight:600}
.purpose p{color:var(--m);margin:4px 0 0;font-size:.93em}
input[type=checkbox]{appearance:none;width:46px;height:26px;border-radius:13px;border:2px solid var(--b);background:var(--s);position:relative;cursor:pointer;flex:none;margin:0}
input[type=checkbox]::before{content:"";position:absolute;top:3px;left:3px;width:16px;height:16px;border-radius:50%;background:var(--b)}
input[type=checkbox]:checked{background:var(--a);border-color:var(--a)}
input[type=checkbox]:checked::before{left:23px;background:var(--oa)}
input[type=checkbox]:disabled{opacity:.7;cursor:not-allowed}
.services{list-style:none;padding:0;margin:0 0 10px}.services li{margin:4px 0}
summary{cursor:pointer;padding:4px 0}
table{border-collapse:collapse;width:100%;font-size:.9em;margin:4px 0}th,td{text-align:left;padding:4px 6px;border-bottom:1px solid var(--b);vertical-align:top}
.note{font-weight:600}
.small{font-size:.9em;color:var(--m)}
ol{padding-left:18px;margin:0}li{margin:2px 0}
label.field{display:block;margin:8px 0 2px}
select,input[type=email],textarea{width:100%;padding:8px;border:1px solid var(--b);border-radius:6px;background:var(--s)}
.status{margin-top:8px}
@media (prefers-reduced-motion:no-preference){input[type=checkbox]::before{transition:left .12s}}
`;
