import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** Debian's Chromium (`.ci/run` installs it). */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Opens each of `urls` in a tab of one headless Chromium (tabs run side by side, each in its own renderer)
 * and returns the value of `expression` (a promise is awaited) in each once its page has loaded, over the
 * DevTools protocol on a pipe (`--remote-debugging-pipe`: no port, no extra package). The browser is closed
 * afterwards, also on failure or after `timeoutMs`.
 */
export async function evaluateInChromium<T>(urls: readonly string[], expression: string, timeoutMs = 120_000): Promise<T[]> {
  const child = spawn(chromiumPath, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--remote-debugging-pipe', 'about:blank'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
  });
  const input = child.stdio[3] as Writable;
  const output = child.stdio[4] as Readable;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let buffer = '';
  output.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
      const message = JSON.parse(buffer.slice(0, end)) as { id?: number; result?: unknown; error?: { message: string } };
      buffer = buffer.slice(end + 1);
      const p = message.id === undefined ? undefined : pending.get(message.id);
      if (!p) continue;
      pending.delete(message.id!);
      if (message.error) p.reject(new Error(message.error.message));
      else p.resolve(message.result);
    }
  });
  let next = 0;
  const send = <R>(method: string, params: object = {}, sessionId?: string): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      input.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });
  const exited = new Promise<never>((_, reject) => child.on('exit', (code) => reject(new Error(`chromium exited with ${code}`))));
  exited.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`chromium: no result after ${timeoutMs} ms`)), timeoutMs)));
  try {
    const run = async (url: string): Promise<T> => {
      const { targetId } = await send<{ targetId: string }>('Target.createTarget', { url });
      const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
      type Evaluated<V> = { result: { value: V }; exceptionDetails?: { text: string; exception?: { description?: string } } };
      // The new target starts on about:blank: wait until the page itself has loaded (its context replaces the blank one).
      for (;;) {
        const state = await send<Evaluated<string>>(
          'Runtime.evaluate',
          { expression: 'document.readyState + " " + location.href', returnByValue: true },
          sessionId,
        ).catch(() => null);
        if (state?.result.value === `complete ${url}`) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const r = await send<Evaluated<T>>('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
      if (r.exceptionDetails) throw new Error(`in the page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
      return r.result.value;
    };
    return await Promise.race([Promise.all(urls.map(run)), exited, timeout]);
  } finally {
    clearTimeout(timer);
    await send('Browser.close').catch(() => undefined);
    if (child.exitCode === null) await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
