// The ordered list of migrations. A landed migration is frozen: never edit it, add a new file
// with a later ISO-date prefix and list it here (tests/integration/migrations.test.ts checks the order and the upgrade).
import type { Migration } from 'kysely';
import * as foundation from './2026-11-26T0001-foundation.js';
import * as standards from './2026-11-26T0100-standards.js';
import * as registry from './2026-11-26T0200-registry.js';
import * as finance from './2026-11-26T0300-finance.js';
import * as portal from './2026-11-26T0400-portal.js';
import * as portalRevisionRestore from './2026-11-26T0410-portal-revision-restore.js';
import * as portalPresence from './2026-11-26T0540-portal-presence.js';
import * as certificates from './2026-11-26T0610-certificates.js';
import * as householdSearch from './2026-11-26T0620-household-search.js';
import * as unitNameKey from './2026-12-03T0019-unit-name-key.js';
import * as explanationFacts from './2026-12-03T0100-explanation-facts.js';
import * as officialReports from './2026-12-03T0200-official-reports.js';
import * as householdGroups from './2026-12-03T0300-household-groups.js';
import * as reviewPapers from './2026-12-03T0400-review-papers.js';
import * as accessRecord from './2026-12-03T0500-access-record.js';
import * as front from './2026-12-03T0700-front.js';
import * as beneficiariesEnglish from './2026-12-03T1000-beneficiaries-english.js';
import * as provincePartitions from './2026-12-03T1100-province-partitions.js';
import * as importJob from './2026-12-03T1728-import-job.js';
import * as compactAnswers from './2026-12-03T1900-compact-answers.js';
import * as offline from './2026-12-03T1910-offline.js';
import * as aggregateReads from './2026-12-03T2000-aggregate-reads.js';
import * as frontPhotoCaption from './2026-12-04T1000-front-photo-caption.js';
import * as offlineSyncProvince from './2026-12-04T1010-offline-sync-province.js';
import * as householdTally from './2026-12-04T1100-household-tally.js';
import * as householdTallyStatements from './2026-12-04T1200-household-tally-statements.js';
import * as householdHeadWords from './2026-12-04T1300-household-head-words.js';
import * as figuresStamp from './2026-12-04T1400-figures-stamp.js';
import * as memberIdIndex from './2026-12-04T1500-member-id-index.js';
import * as figuresStampStatements from './2026-12-04T1600-figures-stamp-statements.js';

export const migrations: Record<string, Migration> = {
  '2026-11-26T0001-foundation': foundation,
  '2026-11-26T0100-standards': standards,
  '2026-11-26T0200-registry': registry,
  '2026-11-26T0300-finance': finance,
  '2026-11-26T0400-portal': portal,
  '2026-11-26T0410-portal-revision-restore': portalRevisionRestore,
  '2026-11-26T0540-portal-presence': portalPresence,
  '2026-11-26T0610-certificates': certificates,
  '2026-11-26T0620-household-search': householdSearch,
  '2026-12-03T0019-unit-name-key': unitNameKey,
  '2026-12-03T0100-explanation-facts': explanationFacts,
  '2026-12-03T0200-official-reports': officialReports,
  '2026-12-03T0300-household-groups': householdGroups,
  '2026-12-03T0400-review-papers': reviewPapers,
  '2026-12-03T0500-access-record': accessRecord,
  '2026-12-03T0700-front': front,
  '2026-12-03T1000-beneficiaries-english': beneficiariesEnglish,
  '2026-12-03T1100-province-partitions': provincePartitions,
  '2026-12-03T1728-import-job': importJob,
  '2026-12-03T1900-compact-answers': compactAnswers,
  '2026-12-03T1910-offline': offline,
  '2026-12-03T2000-aggregate-reads': aggregateReads,
  '2026-12-04T1000-front-photo-caption': frontPhotoCaption,
  '2026-12-04T1010-offline-sync-province': offlineSyncProvince,
  '2026-12-04T1100-household-tally': householdTally,
  '2026-12-04T1200-household-tally-statements': householdTallyStatements,
  '2026-12-04T1300-household-head-words': householdHeadWords,
  '2026-12-04T1400-figures-stamp': figuresStamp,
  '2026-12-04T1500-member-id-index': memberIdIndex,
  '2026-12-04T1600-figures-stamp-statements': figuresStampStatements,
};
