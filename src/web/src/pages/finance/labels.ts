// Words of the finance screens shared by several pages (labels of the API's enumerations).
import { defineMessages } from '../../i18n';

export const labels = defineMessages({
  vi: {
    central: 'Ngân sách trung ương',
    province: 'Ngân sách tỉnh',
    commune: 'Ngân sách huyện/xã',
    other: 'Nguồn khác',
    development: 'Đầu tư phát triển',
    recurrent: 'Sự nghiệp',
    completed: 'Đã giải ngân hết',
    starting: 'Mới giao vốn',
    'on-track': 'Đúng tiến độ',
    'at-risk': 'Nguy cơ chậm',
    lapsed: 'Quá hạn',
    unit: 'Đơn vị',
    year: 'Năm',
    asOf: 'Tính đến ngày (không bắt buộc)',
  },
  en: {
    central: 'Central budget',
    province: 'Provincial budget',
    commune: 'District/commune budget',
    other: 'Other sources',
    development: 'Development investment',
    recurrent: 'Recurrent',
    completed: 'Fully disbursed',
    starting: 'Just allocated',
    'on-track': 'On track',
    'at-risk': 'At risk',
    lapsed: 'Lapsed',
    unit: 'Unit',
    year: 'Year',
    asOf: 'As of (optional)',
  },
});

export const RISK_COLOR = {
  completed: 'teal',
  starting: 'gray',
  'on-track': 'green',
  'at-risk': 'orange',
  lapsed: 'red',
} as const;
