import { describe, expect, it } from 'vitest';

import {
  readEveryProcess,
  readProductMetrics,
  windowBetween,
  type ProcessReading,
} from './process-readings';

/** Excerpt of a real scrape of the built server's /metrics (prom-client 15, prefix broadcast_). */
const METRICS = `# HELP broadcast_process_cpu_user_seconds_total Total user CPU time spent in seconds.
# TYPE broadcast_process_cpu_user_seconds_total counter
broadcast_process_cpu_user_seconds_total 0.25664400000000004

# HELP broadcast_process_cpu_system_seconds_total Total system CPU time spent in seconds.
# TYPE broadcast_process_cpu_system_seconds_total counter
broadcast_process_cpu_system_seconds_total 0.023037000000000002

# HELP broadcast_process_cpu_seconds_total Total user and system CPU time spent in seconds.
# TYPE broadcast_process_cpu_seconds_total counter
broadcast_process_cpu_seconds_total 0.27968099999999996

# HELP broadcast_process_resident_memory_bytes Resident memory size in bytes.
# TYPE broadcast_process_resident_memory_bytes gauge
broadcast_process_resident_memory_bytes 247726080

# HELP broadcast_nodejs_eventloop_lag_max_seconds The maximum recorded event loop delay.
# TYPE broadcast_nodejs_eventloop_lag_max_seconds gauge
broadcast_nodejs_eventloop_lag_max_seconds 0.031653887

# HELP broadcast_nodejs_eventloop_lag_p99_seconds The 99th percentile of the recorded event loop delays.
# TYPE broadcast_nodejs_eventloop_lag_p99_seconds gauge
broadcast_nodejs_eventloop_lag_p99_seconds 0.020889599

# HELP broadcast_instance_info This server process and where its live events go
# TYPE broadcast_instance_info gauge
broadcast_instance_info{instance="b55d9b1c-f14a-4b06-9133-0cbb630c8701",event_log="memory"} 1

# HELP broadcast_running_streams Answers this process is streaming now
# TYPE broadcast_running_streams gauge
broadcast_running_streams{instance="b55d9b1c-f14a-4b06-9133-0cbb630c8701"} 0

# HELP broadcast_database_writes Database writes issued by answers since start
# TYPE broadcast_database_writes gauge
broadcast_database_writes 2

# HELP broadcast_answers_finished Answers finished since start
# TYPE broadcast_answers_finished gauge
broadcast_answers_finished 0
`;

function reading(instance: string, over: Partial<ProcessReading> = {}): ProcessReading {
  return {
    instance,
    cpuSeconds: 1,
    rssBytes: 100,
    loopLagP99Ms: 10,
    loopLagMaxMs: 20,
    databaseWrites: 0,
    answersFinished: 0,
    ...over,
  };
}

describe("reading the product's /metrics", () => {
  it('takes CPU, memory, loop delay and counters, named by instance', () => {
    const r = readProductMetrics(METRICS);
    expect(r.instance).toBe('b55d9b1c-f14a-4b06-9133-0cbb630c8701');
    expect(r.cpuSeconds).toBeCloseTo(0.279681);
    expect(r.rssBytes).toBe(247726080);
    expect(r.loopLagP99Ms).toBeCloseTo(20.8896);
    expect(r.loopLagMaxMs).toBeCloseTo(31.653887);
    expect(r.databaseWrites).toBe(2);
    expect(r.answersFinished).toBe(0);
  });

  it('refuses a text without the instance', () => {
    expect(() => readProductMetrics('broadcast_sessions 0\n')).toThrow('broadcast_instance_info');
  });
});

describe('reading every process behind one port', () => {
  it('keeps the first read of each process', async () => {
    const answers = [
      reading('a', { cpuSeconds: 1 }),
      reading('a', { cpuSeconds: 2 }),
      reading('b', { cpuSeconds: 3 }),
    ];
    const got = await readEveryProcess(() => Promise.resolve(answers.shift()!), 2);
    expect(got.map((r) => [r.instance, r.cpuSeconds])).toEqual([
      ['a', 1],
      ['b', 3],
    ]);
  });

  it('says how many answered when one never does', async () => {
    await expect(readEveryProcess(() => Promise.resolve(reading('a')), 2, 5)).rejects.toThrow(
      'only 1 of 2 server processes answered /metrics in 5 reads',
    );
  });
});

describe('a window between two reads', () => {
  it('adds up CPU and counters per process, keeps the worst lag and the memory at the end', () => {
    const w = windowBetween(
      [reading('a', { cpuSeconds: 1, databaseWrites: 5 }), reading('b', { cpuSeconds: 2 })],
      [
        reading('b', { cpuSeconds: 2.5, loopLagP99Ms: 40, rssBytes: 300, answersFinished: 4 }),
        reading('a', { cpuSeconds: 1.25, databaseWrites: 7, rssBytes: 200 }),
      ],
    );
    expect(w.cpuSeconds).toBeCloseTo(0.75);
    expect(w.loopLagP99Ms).toBe(40);
    expect(w.rssBytes).toBe(500);
    expect(w.databaseWrites).toBe(2);
    expect(w.answersFinished).toBe(4);
    expect(w.processes).toEqual([
      { instance: 'b', cpuSeconds: 0.5, loopLagP99Ms: 40, answersFinished: 4 },
      { instance: 'a', cpuSeconds: 0.25, loopLagP99Ms: 10, answersFinished: 0 },
    ]);
  });

  it('has no counters for the relay', () => {
    const relay = (cpuSeconds: number) =>
      reading('relay', { cpuSeconds, databaseWrites: null, answersFinished: null });
    const w = windowBetween([relay(1)], [relay(3)]);
    expect(w.cpuSeconds).toBe(2);
    expect(w.databaseWrites).toBeNull();
    expect(w.processes[0]!.answersFinished).toBeNull();
  });

  it('refuses a process that was not there at the start', () => {
    expect(() => windowBetween([reading('a')], [reading('c')])).toThrow(
      'server process c was not there',
    );
  });
});
