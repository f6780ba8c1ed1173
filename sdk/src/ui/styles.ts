/**
 * The UI's stylesheet, adopted into the shadow root (constructable stylesheet: no `<style>` and
 * no inline styles, so a CSP without 'unsafe-inline' is fine). Theme through the custom
 * properties on the host page, e.g. `coreconsent-ui { --coreconsent-accent: #0f766e }`.
 * Default colours meet WCAG 2.2 AA: text #111827 on #fff is 17:1, white on #1d4ed8 is 6.7:1,
 * #f9fafb on #111827 is 16:1, #111827 on #93c5fd is 9.6:1.
 */
export const CSS = `
:host{all:initial;position:fixed;inset:auto 0 0 0;z-index:2147483000;font:var(--coreconsent-font,15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);
--a:var(--coreconsent-accent,#1d4ed8);--oa:var(--coreconsent-on-accent,#fff);--s:var(--coreconsent-surface,#fff);--t:var(--coreconsent-text,#111827);--m:var(--coreconsent-muted,#374151);--b:var(--coreconsent-border,#6b7280);--f:var(--coreconsent-focus,#1d4ed8);--r:var(--coreconsent-radius,10px)}
@media (prefers-color-scheme:dark){:host{--a:var(--coreconsent-accent-dark,#93c5fd);--oa:var(--coreconsent-on-accent-dark,#111827);--s:var(--coreconsent-surface-dark,#111827);--t:var(--coreconsent-text-dark,#f9fafb);--m:var(--coreconsent-muted-dark,#d1d5db);--b:var(--coreconsent-border-dark,#9ca3af);--f:var(--coreconsent-focus-dark,#93c5fd)}}
*{box-sizing:border-box}
.banner,.dialog{background:var(--s);color:var(--t);border:1px solid var(--b);border-radius:var(--r);box-shadow:0 8px 30px rgba(0,0,0,.25)}
.banner{margin:12px auto;max-width:62rem;width:calc(100% - 24px);padding:16px 20px;max-height:80vh;overflow:auto}
h2{font-size:1.15em;margin:0 0 6px}h3{font-size:1em;margin:18px 0 6px}p{margin:0 0 10px}
.row{display:flex;flex-wrap:wrap;gap:8px;margin-top:12px}
button,select,input,textarea{font:inherit;color:inherit}
button{min-height:44px;padding:8px 16px;border-radius:8px;cursor:pointer;border:2px solid var(--a)}
.primary{background:var(--a);color:var(--oa)}.secondary{background:transparent;color:var(--t)}
.link{border:none;background:none;color:var(--t);text-decoration:underline;padding:8px 4px}
:focus-visible{outline:3px solid var(--f);outline-offset:2px}
a{color:inherit}
.backdrop{position:fixed;inset:0;background:rgba(0,0,0,.55);display:flex;align-items:center;justify-content:center;padding:12px}
.dialog{width:100%;max-width:40rem;max-height:calc(100vh - 24px);overflow:auto;padding:20px}
.head{display:flex;justify-content:space-between;align-items:start;gap:8px}
.purpose{border-top:1px solid var(--b);padding:10px 0}
.purpose label{display:flex;justify-content:space-between;align-items:center;gap:12px;font-weight:600}
.purpose p{color:var(--m);margin:4px 0 0;font-size:.93em}
input[type=checkbox]{appearance:none;width:46px;height:26px;border-radius:13px;border:2px solid var(--b);background:var(--s);position:relative;cursor:pointer;flex:none;margin:0}
input[type=checkbox]::before{content:"";position:absolute;top:3px;left:3px;width:16px;height:16px;border-radius:50%;background:var(--b)}
input[type=checkbox]:checked{background:var(--a);border-color:var(--a)}
input[type=checkbox]:checked::before{left:23px;background:var(--oa)}
input[type=checkbox]:disabled{opacity:.7;cursor:not-allowed}
.note{font-weight:600}
.small{font-size:.9em;color:var(--m)}
ol{padding-left:18px;margin:0}li{margin:2px 0}
label.field{display:block;margin:8px 0 2px}
select,input[type=email],textarea{width:100%;padding:8px;border:1px solid var(--b);border-radius:6px;background:var(--s)}
.status{margin-top:8px}
@media (prefers-reduced-motion:no-preference){input[type=checkbox]::before{transition:left .12s}}
`;
