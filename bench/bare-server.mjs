// The ceiling: a bare node:http server answering every request with fixed bytes. Either one
// body for every path (`bare-server.mjs body.html PORT`) or one per path from a manifest
// (`bare-server.mjs --pages manifest.json PORT`, manifest: { "/path": "file" }).
import { readFileSync } from 'node:fs';
import http from 'node:http';

const byPath = new Map();
let body = null;
if (process.argv[2] === '--pages') {
  for (const [p, file] of Object.entries(JSON.parse(readFileSync(process.argv[3], 'utf8'))))
    byPath.set(p, readFileSync(file));
} else body = readFileSync(process.argv[2]);
const port = Number(process.argv.at(-1));
http
  .createServer((req, res) => {
    const b = body ?? byPath.get(req.url) ?? byPath.values().next().value;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': b.byteLength });
    res.end(b);
  })
  .listen(port, '127.0.0.1', () => console.log('ready'));
