// Labels shared by the registry pages: classes, movements, campaign steps and actions.
import type { Bilingual } from '../../i18n';

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

export const MOVEMENT_LABELS: Record<string, Bilingual> = {
  'thoat-ngheo': { vi: 'Thoát nghèo', en: 'Exited poverty' },
  'thoat-can-ngheo': { vi: 'Thoát cận nghèo', en: 'Exited near-poverty' },
  'ngheo-phat-sinh': { vi: 'Nghèo phát sinh', en: 'Newly poor' },
  'tai-ngheo': { vi: 'Tái nghèo', en: 'Poor again' },
  'can-ngheo-phat-sinh': { vi: 'Cận nghèo phát sinh', en: 'Newly near-poor' },
  'tai-can-ngheo': { vi: 'Tái cận nghèo', en: 'Near-poor again' },
  'khong-doi': { vi: 'Không đổi', en: 'Unchanged' },
  'chua-co-ky-truoc': { vi: 'Chưa có kỳ trước', en: 'No previous period' },
};

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
