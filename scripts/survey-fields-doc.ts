// Rewrites docs/survey-fields.md from the survey field catalogue (src/domain/survey/fields.ts).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { surveyFieldsMarkdown } from '../src/domain/survey/fields.js';
import { WORDS } from '../src/domain/words/catalogue.js';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/survey-fields.md');
fs.writeFileSync(file, surveyFieldsMarkdown(WORDS));
console.log(`wrote ${file}`);
