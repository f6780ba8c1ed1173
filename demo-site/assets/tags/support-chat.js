// Stand-in for a support chat widget (a "functional" purpose). Runs only once "functional" is granted.
window.demoTags = window.demoTags || {};
window.demoTags.functional = true;
window.demoTagLog = window.demoTagLog || [];
window.demoTagLog.push({
  tag: 'functional',
  label: 'Support chat widget',
  at: performance.now(),
});
document.dispatchEvent(new CustomEvent('demo:tag'));
