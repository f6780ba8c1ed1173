type GppWindow = Window & { __gpp?: (...args: unknown[]) => unknown };

/**
 * The IAB GPP stub, installed synchronously in US jurisdictions so tags that call `__gpp` before
 * `coreconsent-gpp.js` arrives are queued, not lost. IAB's `CmpApi` reads the queue by calling
 * `__gpp()` with no arguments and replaces the stub. `ping` answers at once, as the spec asks.
 */
export function installGppStub(win: Window, cmpId: number): void {
  const w = win as GppWindow;
  if (typeof w.__gpp === 'function') return;
  const queue: unknown[][] = [];
  w.__gpp = (...args: unknown[]) => {
    if (args.length === 0) return queue;
    const [command, callback] = args;
    if (command === 'ping' && typeof callback === 'function') {
      callback(
        {
          gppVersion: '1.1',
          cmpStatus: 'stub',
          cmpDisplayStatus: 'hidden',
          signalStatus: 'not ready',
          supportedAPIs: ['7:usnat'],
          cmpId,
          sectionList: [],
          applicableSections: [-1],
          gppString: '',
          parsedSections: {},
        },
        true,
      );
      return undefined;
    }
    queue.push(args);
    return undefined;
  };
}
