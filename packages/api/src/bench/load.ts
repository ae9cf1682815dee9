/**
 * The load the bench puts on a running API, over real sockets with fetch: provisioning through
 * the HTTP routes (health authorities, patients, doctors), closed loops of doctors creating
 * records, a capacity run with a fixed number of creates in flight, verifications as the patient,
 * and logins. Every sample is the wall-clock time of one HTTP exchange, measured in this process.
 */

import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { BENCH_CA } from './stack.js';

const REQUEST_TIMEOUT_MS = 120_000;

export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

export class Http {
  constructor(readonly base: string) {}

  async call(method: string, path: string, token?: string, body?: unknown): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: kept as text for the error message
    }
    return { status: res.status, body: parsed };
  }

  /** The call, or an error naming the status and body when it is not `want`. */
  async expect<T = { id: string }>(
    want: number,
    method: string,
    path: string,
    token?: string,
    body?: unknown,
  ): Promise<T> {
    const r = await this.call(method, path, token, body);
    if (r.status !== want) {
      throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    }
    return r.body as T;
  }

  async login(id: string, password: string): Promise<string> {
    return (
      await this.expect<{ access_token: string }>(200, 'POST', '/api/login', undefined, { id, password })
    ).access_token;
  }
}

/** Runs `f` over `items` with at most `limit` at once. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  f: (x: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await f(items[i]!, i);
    }),
  );
  return out;
}

export interface Doctor {
  readonly id: string;
  readonly healthAuthorityId: string;
  readonly token: string;
}

export interface Patient {
  readonly id: string;
  readonly personalId: string;
  readonly password: string;
  readonly token: string;
}

export interface Population {
  readonly caToken: string;
  readonly doctors: readonly Doctor[];
  readonly patients: readonly Patient[];
  readonly doctorPassword: string;
}

/**
 * Everything through the HTTP API, as the central authority and then each health authority:
 * `authorities` hospitals (registered on chain), `patients` patients (registered on chain),
 * `doctors` doctors spread over the hospitals, and a token for each doctor and patient.
 */
export async function provision(
  http: Http,
  caPassword: string,
  counts: { authorities: number; patients: number; doctors: number },
): Promise<Population> {
  const caToken = await http.login(BENCH_CA.id, caPassword);
  const run = randomBytes(3).toString('hex');
  const haPassword = `Bench-HA-${run}!`;
  const has = await pool(
    Array.from({ length: counts.authorities }, (_, i) => i),
    counts.authorities,
    async (i) =>
      (
        await http.expect(201, 'POST', '/api/health-authority', caToken, {
          name: `Bench Hospital ${i}`,
          type: 'Hospital',
          address: `${i} Bench Street, Belgrade`,
          phone: `+381 11 000 ${String(i).padStart(4, '0')}`,
          password: haPassword,
        })
      ).id,
  );
  const patientPassword = `Bench-Patient-${run}!`;
  const personalId = (i: number) => `${run}${String(i).padStart(7, '0')}`;
  const patientIds = await pool(
    Array.from({ length: counts.patients }, (_, i) => i),
    counts.patients,
    async (i) =>
      (
        await http.expect(201, 'POST', '/api/patients', caToken, {
          first_name: `Patient${i}`,
          last_name: 'Bench',
          password: patientPassword,
          personal_id: personalId(i),
          date_of_birth: '1980-01-01',
          gender: 'Female',
          address: `${i} Bench Road, Novi Sad`,
          phone: `+381 64 000 ${String(i).padStart(4, '0')}`,
          citizenship: 'Serbian',
        })
      ).id,
  );
  // Logins and doctor creations each cost one scrypt (about 100 ms of one core): a few at a time.
  const haTokens = await pool(has, 2, (id) => http.login(id, haPassword));
  const doctorPassword = `Bench-Doctor-${run}!`;
  const doctorIds = await pool(
    Array.from({ length: counts.doctors }, (_, i) => i),
    2,
    async (i) =>
      (
        await http.expect(201, 'POST', '/api/doctors', haTokens[i % haTokens.length], {
          first_name: `Doctor${i}`,
          last_name: 'Bench',
          password: doctorPassword,
        })
      ).id,
  );
  const doctors = await pool(doctorIds, 2, async (id, i) => ({
    id,
    healthAuthorityId: has[i % has.length]!,
    token: await http.login(id, doctorPassword),
  }));
  const patients = await pool(patientIds, 2, async (id, i) => ({
    id,
    personalId: personalId(i),
    password: patientPassword,
    token: await http.login(id, patientPassword),
  }));
  return { caToken, doctors, patients, doctorPassword };
}

let recordSeq = 0;
function recordBody(patientId: string): Record<string, string> {
  const n = recordSeq++;
  return {
    patient_id: patientId,
    diagnosis: `Type 2 Diabetes Mellitus (bench ${n})`,
    symptoms: 'Frequent urination, increased thirst, fatigue',
    prescription: 'Metformin 850mg daily, balanced diet, moderate exercise',
  };
}

/** One POST /api/health-records; resolves to the latency of a 201, or throws with the answer. */
async function createRecord(http: Http, doctor: Doctor, patientId: string): Promise<number> {
  const t0 = performance.now();
  const r = await http.call('POST', '/api/health-records', doctor.token, recordBody(patientId));
  const ms = performance.now() - t0;
  if (r.status !== 201) throw new Error(`${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  return ms;
}

export interface RunResult {
  /** ms per 201. */
  readonly latencies: number[];
  readonly errors: number;
  readonly firstError?: string;
  readonly elapsedMs: number;
}

const result = (latencies: number[], errors: number, elapsedMs: number, firstError?: string): RunResult => ({
  latencies,
  errors,
  elapsedMs,
  ...(firstError !== undefined ? { firstError } : {}),
});

/** `doctors.length` closed loops, each creating `each` records one after the other. */
export async function closedLoops(
  http: Http,
  doctors: readonly Doctor[],
  patients: readonly Patient[],
  each: number,
): Promise<RunResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  await Promise.all(
    doctors.map(async (d, i) => {
      for (let k = 0; k < each; k++) {
        try {
          latencies.push(await createRecord(http, d, patients[(i + k) % patients.length]!.id));
        } catch (e) {
          errors++;
          firstError ??= (e as Error).message;
        }
      }
    }),
  );
  return result(latencies, errors, performance.now() - start, firstError);
}

export interface CapacityResult extends RunResult {
  /** Creates answered 201 by the end of the window. */
  readonly acked: number;
  /** Still in flight at the end of the window, and how long they took to drain. */
  readonly drained: number;
  readonly drainMs: number;
  /**
   * Records per second once the pipeline is full: over the answers after the first `inFlight`
   * (at most half of those counted), which carry the ramp-up in which nothing is answered yet.
   */
  readonly steadyPerS: number;
}

/**
 * Keeps `inFlight` creates outstanding (round-robin over the doctors) until `target` have been
 * answered 201 or `windowMs` has passed; the rate is answers in the window over its length. The
 * creates still in flight then finish (up to `drainMs`) before the next phase.
 */
export async function capacityRun(
  http: Http,
  doctors: readonly Doctor[],
  patients: readonly Patient[],
  o: { inFlight: number; target: number; windowMs: number; drainMs: number },
  onProgress?: (acked: number, elapsedMs: number) => void,
): Promise<CapacityResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let acked = 0;
  const ackedAt: number[] = [];
  let sent = 0;
  let open = true;
  const start = performance.now();
  let windowEnd = Number.NaN;
  let lastReport = start;
  const outstanding = new Set<Promise<void>>();
  let wake: () => void = () => {};
  const launch = () => {
    const k = sent++;
    const p = createRecord(http, doctors[k % doctors.length]!, patients[k % patients.length]!.id).then(
      (ms) => {
        if (!open) return;
        acked++;
        latencies.push(ms);
        const now = performance.now();
        ackedAt.push(now);
        if (onProgress !== undefined && now - lastReport > 5000) {
          lastReport = now;
          onProgress(acked, now - start);
        }
      },
      (e: Error) => {
        if (!open) return;
        errors++;
        firstError ??= e.message;
      },
    );
    const tracked = p.finally(() => {
      outstanding.delete(tracked);
      wake();
    });
    outstanding.add(tracked);
  };
  const deadline = start + o.windowMs;
  while (acked < o.target && performance.now() < deadline) {
    while (outstanding.size < o.inFlight) launch();
    await new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, Math.max(0, deadline - performance.now())).unref();
    });
  }
  open = false;
  windowEnd = performance.now();
  const drained = outstanding.size;
  const drainStart = performance.now();
  await Promise.race([
    Promise.allSettled([...outstanding]),
    new Promise((r) => setTimeout(r, o.drainMs).unref()),
  ]);
  const skip = Math.min(o.inFlight, Math.floor(acked / 2));
  const steadyMs = (ackedAt[acked - 1] ?? windowEnd) - (ackedAt[skip - 1] ?? start);
  return {
    ...result(latencies, errors, windowEnd - start, firstError),
    acked,
    drained,
    drainMs: performance.now() - drainStart,
    steadyPerS: steadyMs > 0 ? ((acked - skip) / steadyMs) * 1000 : Number.NaN,
  };
}

/** `count` sequential POST /api/health-records/verify/:id as the patient, over its records. */
export async function verifyRun(
  http: Http,
  patient: Patient,
  count: number,
): Promise<RunResult & { answers: Map<string, number> }> {
  const list = await http.expect<{ health_records: Array<{ health_record: { _id: string }; key: string }> }>(
    200,
    'GET',
    '/api/health-records',
    patient.token,
  );
  const items = list.health_records.map((x) => ({
    id: x.health_record._id,
    key: x.key,
  }));
  if (items.length === 0) throw new Error(`patient ${patient.id} has no records to verify`);
  const latencies: number[] = [];
  const answers = new Map<string, number>();
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const item = items[i % items.length]!;
    const t0 = performance.now();
    const r = await http.call('POST', `/api/health-records/verify/${item.id}`, patient.token, {
      secret_key: item.key,
    });
    const ms = performance.now() - t0;
    if (r.status === 200) {
      latencies.push(ms);
      const text = String((r.body as { blockchain_response?: unknown } | undefined)?.blockchain_response);
      answers.set(text, (answers.get(text) ?? 0) + 1);
    } else {
      errors++;
      firstError ??= `${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
    }
  }
  return { ...result(latencies, errors, performance.now() - start, firstError), answers };
}

/** `count` sequential POST /api/login. */
export async function loginRun(http: Http, id: string, password: string, count: number): Promise<RunResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const r = await http.call('POST', '/api/login', undefined, { id, password });
    if (r.status === 200) latencies.push(performance.now() - t0);
    else {
      errors++;
      firstError ??= `${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
    }
  }
  return result(latencies, errors, performance.now() - start, firstError);
}

/** CPU seconds (user + system) a process and its descendants (a node's miner) have used, from /proc; NaN elsewhere. */
export function cpuSeconds(pid: number): number {
  const stats = new Map<number, { ppid: number; cpu: number }>();
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // gone meanwhile
      }
      // After "pid (comm) ": state, ppid, …; utime and stime are fields 14 and 15 of the line.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / 100 });
    }
  } catch {
    return Number.NaN;
  }
  if (!stats.has(pid)) return Number.NaN;
  let total = 0;
  const tree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [p, s] of stats) {
      if (!tree.has(p) && tree.has(s.ppid)) {
        tree.add(p);
        grew = true;
      }
    }
  }
  for (const p of tree) total += stats.get(p)!.cpu;
  return total;
}
