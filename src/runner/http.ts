/** What one http hook request gave. Times are milliseconds since the request started. */
export interface HttpOutcome {
  /** The connection failed (refused, DNS, TLS), with the error's code or message. */
  connectError?: string;
  timedOut: boolean;
  status?: number;
  body: string;
  ms: number;
}

/** How to send one http hook request (SPEC.md §2.2: POST of the event JSON). */
export interface HttpSpec {
  url: string;
  headers: Record<string, string>;
  /** `allowedEnvVars`: the only variables `$VAR` / `${VAR}` in headers expand (others become empty). */
  allowedEnvVars: string[];
  env: NodeJS.ProcessEnv;
  body: string;
  timeoutSeconds: number;
}

/** A header value with its allowed variables expanded, as Claude Code expands them. */
export function expandHeader(value: string, allowed: readonly string[], env: NodeJS.ProcessEnv): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b)!;
    return allowed.includes(name) ? (env[name] ?? '') : '';
  });
}

/** POST the payload to an http hook's URL with its headers; never throws. */
export async function runHttp(spec: HttpSpec): Promise<HttpOutcome> {
  const t0 = performance.now();
  const since = () => Math.round(performance.now() - t0);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [k, v] of Object.entries(spec.headers)) headers[k] = expandHeader(v, spec.allowedEnvVars, spec.env);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.round(spec.timeoutSeconds * 1000));
  try {
    const res = await fetch(spec.url, { method: 'POST', headers, body: spec.body, signal: controller.signal, redirect: 'manual' });
    const body = await res.text();
    return { timedOut: false, status: res.status, body, ms: since() };
  } catch (e) {
    if (controller.signal.aborted) return { timedOut: true, body: '', ms: since() };
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return { connectError: cause?.code ?? cause?.message ?? (e as Error).message, timedOut: false, body: '', ms: since() };
  } finally {
    clearTimeout(timer);
  }
}
