// A child process run to its end, watched as it runs: its exit code, wall clock, standard error
// and peak resident memory (VmHWM, read from /proc every 100 ms: Linux; null elsewhere).
import fs from 'node:fs';
import { spawn } from 'node:child_process';

export interface ChildRun {
  code: number;
  seconds: number;
  stderr: string;
  /** Peak resident set size in bytes, or null where /proc cannot be read. */
  peakBytes: number | null;
}

export async function runWatched(command: string, args: string[]): Promise<ChildRun> {
  const t = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let peakKb: number | null = null;
  const timer = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb ?? 0, Number(m[1]));
    } catch {
      // not Linux, or the process has just ended
    }
  }, 100);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  clearInterval(timer);
  return {
    code,
    seconds: (performance.now() - t) / 1000,
    stderr,
    peakBytes: peakKb === null ? null : peakKb * 1024,
  };
}
