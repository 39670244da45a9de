// Labels shared by the registry pages: classes, movements, campaign steps and actions. The words
// are the product's one catalogue (src/domain/words/catalogue.ts, pure), read here by the codes the
// API returns; only the colours are the web's own.
import type { Bilingual } from '../../i18n';
import { WORDS } from '../../../../domain/words/catalogue';

export const CLASS_LABELS: Record<string, Bilingual> = WORDS.classification;

export const CLASS_COLORS: Record<string, string> = {
  POOR: 'red',
  NEAR_POOR: 'orange',
  AVERAGE: 'yellow',
  NONE: 'gray',
};

export const MOVEMENT_LABELS: Record<string, Bilingual> = WORDS.movement;

export const ACTION_LABELS: Record<string, Bilingual> = WORDS.campaignAction;
