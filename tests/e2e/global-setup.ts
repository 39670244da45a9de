// Builds the web app once before the suite, so the browser tests the current source (the
// server serves src/web/dist). About two seconds with Vite 8.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync('npm', ['run', '--silent', 'build:web'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
