/**
 * A `/health` endpoint on top of `health()` (node:http, no framework). In your application import from
 * 'schemakit' instead of '../src'. Run: `node dist/examples/health-endpoint.js` with DATABASE_URL set, then
 * `curl localhost:8080/health`. It answers 200 when there is no error finding, 503 when there is one,
 * with the report as JSON; `?only=indexes,storage` narrows it. One connection is reused: requests take turns on it
 * (health() runs one transaction, which two requests must not interleave).
 */
import { createServer, type Server } from 'node:http';
import { connectPostgres, health, type Db } from '../src';

/** Starts the endpoint on `port` (0: any free port) over an open database connection. */
export function startHealthServer(db: Db, port = 8080): Promise<Server> {
  let turn: Promise<unknown> = Promise.resolve();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/health') {
      res.writeHead(404).end();
      return;
    }
    const only = url.searchParams.get('only')?.split(',').filter(Boolean);
    const run = turn.then(() => health(db, { only }));
    turn = run.catch(() => undefined);
    run
      .then((report) => {
        res.writeHead(report.summary.errors > 0 ? 503 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: report.summary.errors > 0 ? 'unhealthy' : 'ok', ...report }));
      })
      .catch((err: Error) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'error', error: err.message }));
      });
  });
  return new Promise((resolve) => server.listen(port, () => resolve(server)));
}

if (require.main === module) {
  void (async () => {
    const db = await connectPostgres(process.env.DATABASE_URL ?? 'postgres://localhost/postgres');
    const server = await startHealthServer(db, Number(process.env.PORT ?? 8080));
    process.stdout.write(`health endpoint on http://localhost:${(server.address() as { port: number }).port}/health\n`);
  })();
}
