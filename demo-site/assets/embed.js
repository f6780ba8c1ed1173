// Inside the gated video iframe: tell the parent page (same origin) that the embed was released.
(() => {
  const parent = window.parent;
  if (parent === window) return;
  parent.demoTags = parent.demoTags || {};
  parent.demoTags.video = true;
  parent.demoTagLog = parent.demoTagLog || [];
  parent.demoTagLog.push({
    tag: 'video',
    label: 'Video embed',
    at: parent.performance.now(),
  });
  parent.document.dispatchEvent(new parent.CustomEvent('demo:tag'));
})();
