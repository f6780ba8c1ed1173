// Stand-in for a product analytics tag. Runs only once "analytics" is granted. Like a real one,
// it sets a first-party cookie (which the consent manager may delete on revocation).
window.demoTags = window.demoTags || {};
window.demoTags.analytics = true;
window.demoTagLog = window.demoTagLog || [];
window.demoTagLog.push({
  tag: 'analytics',
  label: 'Product analytics',
  at: performance.now(),
});
// biome-ignore lint/suspicious/noDocumentCookie: a stand-in tracker sets its cookie the way real trackers do.
document.cookie = 'demo_analytics_id=a1b2c3; path=/; max-age=31536000; SameSite=Lax';
document.dispatchEvent(new CustomEvent('demo:tag'));
