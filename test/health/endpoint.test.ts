import { expect } from 'chai';
import type { AddressInfo } from 'node:net';
import { startHealthServer } from '../../examples/health-endpoint';
import { engines, useFreshDb } from '../support/engines';

for (const engine of engines) {
  describe(`health endpoint example (${engine.name})`, function () {
    this.timeout(120_000);
    const db = useFreshDb(engine);

    it('answers /health with the report: 200 when healthy, 503 on an error finding', async () => {
      const server = await startHealthServer(db(), 0);
      try {
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        let res = await fetch(`${base}/health?only=indexes,limits`);
        expect(res.status).to.equal(200);
        let body = (await res.json()) as { status: string; readOnly: boolean; findings: { kind: string }[] };
        expect(body.status).to.equal('ok');
        expect(body.readOnly).to.equal(true);
        await db().exec(`CREATE SEQUENCE almost AS smallint; SELECT setval('almost', 32000);`);
        const both = await Promise.all([fetch(`${base}/health?only=sequence-near-max`), fetch(`${base}/health?only=sequence-near-max`)]);
        expect(both.map((r) => r.status)).to.deep.equal([503, 503]);
        body = (await both[0].json()) as typeof body;
        expect(body.status).to.equal('unhealthy');
        expect(body.findings.map((f) => f.kind)).to.deep.equal(['sequence-near-max']);
        res = await fetch(`${base}/health?only=nope`);
        expect(res.status).to.equal(500);
        expect(((await res.json()) as { error: string }).error).to.match(/unknown finding kind or category nope/);
        expect((await fetch(`${base}/other`)).status).to.equal(404);
      } finally {
        await new Promise((r) => server.close(r));
      }
    });
  });
}
