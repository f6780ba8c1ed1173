// The baseline: a bare node:http server answering POST /v1/records like ours does (read the body,
// parse the JSON, answer per-record results) but with no framework, validation or storage.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res
        .writeHead(400, { 'content-type': 'application/json' })
        .end('{"error":{"code":"invalid_json","message":"x"}}');
      return;
    }
    const results = (body.records ?? []).map((r) => ({ id: r.id, status: 'stored' }));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results }));
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
