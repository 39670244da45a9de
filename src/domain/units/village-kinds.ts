// The kinds of village (thôn, tổ dân phố, bản, ấp, khóm) a commune is divided into. One list for
// the service's check, the API schema and the web app's picker.
export const VILLAGE_KINDS = ['thon', 'to-dan-pho', 'ban', 'ap', 'khom', 'other'] as const;
export type VillageKind = (typeof VILLAGE_KINDS)[number];
