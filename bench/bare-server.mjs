// The ceiling: a bare node:http server answering every request with the bytes in argv[2].
import { readFileSync } from 'node:fs';
import http from 'node:http';

const body = readFileSync(process.argv[2]);
const port = Number(process.argv[3]);
http
  .createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.byteLength });
    res.end(body);
  })
  .listen(port, '127.0.0.1', () => console.log('ready'));
