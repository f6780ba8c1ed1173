/**
 * For `page.addInitScript(delayOpenSuccess, ms)`: every `indexedDB.open` of the page delivers its
 * `success` `ms` late (the upgrade itself runs at once, as it must), as a slow disk would, and
 * `window.__openSuccessAt` notes when the first one was delivered. Runs in the page: self-contained.
 */
export function delayOpenSuccess(delayMs: number): void {
  const w = window as unknown as { __openSuccessAt?: number };
  const realOpen = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function open(this: IDBFactory, ...args: [string, number?]) {
    const request = realOpen.apply(this, args);
    const late = (listener: EventListener) => (event: Event) =>
      setTimeout(() => {
        w.__openSuccessAt ??= performance.now();
        listener.call(request, event);
      }, delayMs);
    const add = request.addEventListener.bind(request);
    request.addEventListener = ((type: string, listener: EventListener, options?: AddEventListenerOptions) =>
      add(type, type === 'success' ? late(listener) : listener, options)) as typeof request.addEventListener;
    Object.defineProperty(request, 'onsuccess', {
      set: (listener: EventListener) => add('success', late(listener)),
    });
    return request;
  } as typeof realOpen;
}

/** When the page's first `indexedDB.open` delivered `success` (undefined: not yet). */
export const openSuccessAt = (): number | undefined =>
  (window as unknown as { __openSuccessAt?: number }).__openSuccessAt;
