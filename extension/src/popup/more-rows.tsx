import { useEffect, useRef } from 'preact/hooks';

/** Site rows rendered at first, and added each time the list reaches its end. */
export const LIST_WINDOW = 40;

/**
 * The end of a windowed list: a real button (keyboard and screen-reader users press it; it is
 * announced with how many rows are left) that also presses itself when scrolled into view, so
 * scrolling with a mouse or touch just keeps going.
 */
export function MoreRows({ label, onMore }: { label: string; onMore: () => void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const el = ref.current;
    // Not in unit tests' DOM (happy-dom/jsdom may lack it): the button alone still works.
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) onMore();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [onMore]);
  return (
    <button type="button" class="link" data-action="more-sites" ref={ref} onClick={onMore}>
      {label}
    </button>
  );
}
