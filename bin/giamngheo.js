#!/usr/bin/env node
// Entry point of the `giamngheo` command. The sources are TypeScript run through tsx's loader,
// so `npx giamngheo` works straight after `npm install` with no separate build of the server.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
