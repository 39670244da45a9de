// `npm run bench -- NAME [ARGS…]`: runs bench/NAME.bench.ts. Every benchmark prints its figure,
// the baseline measured in the same run on the same machine, and the ratio between them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME [ARGS…]\navailable: ${available.join(', ') || '(none)'}`);
  process.exit(2);
}
process.argv = [process.argv[0]!, path.join(here, `${name}.bench.ts`), ...args];
await import(pathToFileURL(path.join(here, `${name}.bench.ts`)).href);
