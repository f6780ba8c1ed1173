import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 (a host the extension manages) that records the headers it receives and
 * serves a page whose first <head> script writes down what it saw of `navigator.globalPrivacyControl`
 * (`window.gpcAtHead`): how the GPC specs of both browsers see the header and the property.
 */
export async function startHeaderProbe(): Promise<{
  url: string;
  seen: IncomingHttpHeaders[];
  server: Server;
}> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      '<!doctype html><html><head><script>window.gpcAtHead = navigator.globalPrivacyControl;</script>' +
        '<title>probe</title></head><body>probe</body></html>',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, seen, server };
}
