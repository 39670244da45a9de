// The rules that match a household to the program's projects, as data an officer can read (and
// the web page prints). Each rule: when every condition holds, it suggests a component (with a
// score for ranking and the reason shown to the officer) or excludes components. Codes are those
// of the program catalogue (Decision 90/QĐ-TTg); `social-protection` is a pointer to support
// outside the program (monthly social assistance, Decree 20/2021/NĐ-CP).
import type { MatchRule } from './matching.js';

const TARGETED = ['poor', 'near-poor', 'recently-exited'];

export const MATCH_RULES_QD90: readonly MatchRule[] = [
  {
    id: 'no-labour-capacity',
    effect: 'suggest',
    target: 'social-protection',
    score: 90,
    when: [
      { fact: 'status', op: 'in', value: TARGETED },
      { fact: 'membersWithLabourCapacity', op: 'eq', value: 0 },
    ],
    reason: {
      vi: 'Hộ không có người có khả năng lao động: ưu tiên trợ giúp xã hội thay vì dự án sinh kế',
      en: 'No member can work: social protection rather than livelihood projects',
    },
  },
  {
    id: 'no-labour-capacity-excludes-livelihood',
    effect: 'exclude',
    target: ['DA2', 'DA3.1', 'DA4', 'DA4.1', 'DA4.2', 'DA4.3'],
    score: 0,
    when: [{ fact: 'membersWithLabourCapacity', op: 'eq', value: 0 }],
    reason: {
      vi: 'Dự án sinh kế, việc làm cần người có khả năng lao động',
      en: 'Livelihood and employment projects need a member who can work',
    },
  },
  {
    id: 'child-nutrition',
    effect: 'suggest',
    target: 'DA3.2',
    score: 80,
    when: [
      { fact: 'status', op: 'in', value: TARGETED },
      { fact: 'nutritionDeprived', op: 'eq', value: true },
      { fact: 'childrenUnder16', op: 'gte', value: 1 },
    ],
    reason: {
      vi: 'Thiếu hụt dinh dưỡng, có {childrenUnder16} trẻ em dưới 16 tuổi',
      en: 'Nutrition deprivation with {childrenUnder16} children under 16',
    },
  },
  {
    id: 'pregnant-or-breastfeeding',
    effect: 'suggest',
    target: 'DA3.2',
    score: 60,
    when: [
      { fact: 'status', op: 'in', value: TARGETED },
      { fact: 'pregnantOrBreastfeeding', op: 'gte', value: 1 },
    ],
    reason: { vi: 'Có phụ nữ mang thai hoặc nuôi con nhỏ', en: 'A pregnant or breastfeeding woman' },
  },
  {
    id: 'working-age-without-stable-work',
    effect: 'suggest',
    target: 'DA4.3',
    score: 70,
    when: [
      { fact: 'status', op: 'in', value: TARGETED },
      { fact: 'workingAgeWithoutStableWork', op: 'gte', value: 1 },
    ],
    reason: {
      vi: '{workingAgeWithoutStableWork} người trong độ tuổi lao động chưa có việc làm ổn định',
      en: '{workingAgeWithoutStableWork} working-age members without stable work',
    },
  },
  {
    id: 'working-age-vocational-training',
    effect: 'suggest',
    target: 'DA4.1',
    score: 65,
    when: [
      { fact: 'status', op: 'in', value: TARGETED },
      { fact: 'workingAgeWithoutStableWork', op: 'gte', value: 1 },
      { fact: 'workingAgeWithoutTraining', op: 'gte', value: 1 },
    ],
    reason: {
      vi: 'Người trong độ tuổi lao động chưa qua đào tạo nghề',
      en: 'Working-age members without vocational training',
    },
  },
  {
    id: 'farmland-production',
    effect: 'suggest',
    target: 'DA3.1',
    score: 60,
    when: [
      { fact: 'status', op: 'in', value: TARGETED },
      { fact: 'hasFarmland', op: 'eq', value: true },
      { fact: 'membersWithLabourCapacity', op: 'gte', value: 1 },
    ],
    reason: {
      vi: 'Có đất sản xuất và người có khả năng lao động',
      en: 'Has farmland and a member who can work',
    },
  },
  {
    id: 'livestock-production',
    effect: 'suggest',
    target: 'DA3.1',
    score: 60,
    when: [
      { fact: 'status', op: 'in', value: TARGETED },
      { fact: 'livestockCapacity', op: 'eq', value: true },
      { fact: 'membersWithLabourCapacity', op: 'gte', value: 1 },
    ],
    reason: {
      vi: 'Có điều kiện chăn nuôi và người có khả năng lao động',
      en: 'Can raise livestock and has a member who can work',
    },
  },
  {
    id: 'livelihood-model',
    effect: 'suggest',
    target: 'DA2',
    score: 50,
    when: [
      { fact: 'status', op: 'in', value: TARGETED },
      { fact: 'hasProductionCapacity', op: 'eq', value: true },
      { fact: 'membersWithLabourCapacity', op: 'gte', value: 1 },
    ],
    reason: {
      vi: 'Có đất hoặc điều kiện chăn nuôi: có thể tham gia mô hình giảm nghèo, đa dạng hóa sinh kế',
      en: 'Has land or livestock capacity: can join a livelihood model',
    },
  },
  {
    id: 'information-deprivation',
    effect: 'suggest',
    target: 'DA6.1',
    score: 40,
    when: [{ fact: 'informationDeprived', op: 'eq', value: true }],
    reason: {
      vi: 'Thiếu hụt về thông tin (dịch vụ viễn thông hoặc phương tiện tiếp cận thông tin)',
      en: 'Information deprivation (telecom services or information devices)',
    },
  },
  {
    id: 'housing-in-poor-district',
    effect: 'suggest',
    target: 'DA5',
    score: 55,
    when: [
      { fact: 'status', op: 'in', value: ['poor', 'near-poor'] },
      { fact: 'housingDeprived', op: 'eq', value: true },
      { fact: 'inPoorDistrict', op: 'eq', value: true },
    ],
    reason: { vi: 'Thiếu hụt nhà ở, sống tại huyện nghèo', en: 'Housing deprivation in a poor district' },
  },
];
