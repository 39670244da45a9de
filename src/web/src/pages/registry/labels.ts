// Labels shared by the registry pages: classes, movements, campaign steps and actions.
import type { Bilingual } from '../../i18n';
import { MOVEMENT_LABELS as DOMAIN_MOVEMENT_LABELS } from '../../../../domain/registry/movement';

export const CLASS_LABELS: Record<string, Bilingual> = {
  POOR: { vi: 'Hộ nghèo', en: 'Poor' },
  NEAR_POOR: { vi: 'Hộ cận nghèo', en: 'Near-poor' },
  AVERAGE: { vi: 'Mức sống trung bình', en: 'Average living standard' },
  NONE: { vi: 'Không thuộc diện', en: 'Above the bands' },
};

export const CLASS_COLORS: Record<string, string> = {
  POOR: 'red',
  NEAR_POOR: 'orange',
  AVERAGE: 'yellow',
  NONE: 'gray',
};

// The movement names are the product's own (src/domain/registry/movement.ts, pure), looked up
// here by the codes the API returns.
export const MOVEMENT_LABELS: Record<string, Bilingual> = DOMAIN_MOVEMENT_LABELS;

export const ACTION_LABELS: Record<string, Bilingual> = {
  'open-meetings': { vi: 'Bắt đầu họp dân', en: 'Start village meetings' },
  'record-meeting': { vi: 'Ghi biên bản họp thôn', en: 'Record a village meeting' },
  'record-resurvey': { vi: 'Ghi nhận rà soát lại', en: 'Record a re-survey' },
  'start-posting': { vi: 'Niêm yết công khai', en: 'Post the list publicly' },
  'file-complaint': { vi: 'Nhận khiếu nại', en: 'Receive a complaint' },
  'close-posting': { vi: 'Kết thúc niêm yết', en: 'Close the posting' },
  'resolve-complaint': { vi: 'Giải quyết khiếu nại', en: 'Resolve a complaint' },
  recognise: {
    vi: 'Chủ tịch UBND xã công nhận (Mẫu số 02)',
    en: 'Recognition by the commune chair (form 02)',
  },
  report: { vi: 'Báo cáo tỉnh', en: 'Report to the province' },
  'open-case': { vi: 'Mở hồ sơ rà soát thường xuyên', en: 'Regular-review case opened' },
};
