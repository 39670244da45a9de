import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SNAPSHOT_KEYS, answerChanges, decodeSnapshot, encodeSnapshot, snapshotChanges } from './history.js';

const villages = (id: number) => ({ 18: 'Tổ dân phố 2', 19: 'Tổ dân phố 3' })[id] ?? null;

describe('household history in words', () => {
  it('a re-survey into a new period: period, class, deprivations and status in words, unchanged fields left out', () => {
    const changes = snapshotChanges(
      {
        version: 1,
        headName: 'Nguyễn Hữu Phúc',
        address: 'Số 55, Tổ dân phố 2',
        villageId: 18,
        memberCount: 6,
        period: 2023,
        classification: 'NONE',
        deprivations: ['adultEducation'],
        status: 'approved',
      },
      {
        version: 2,
        headName: 'Nguyễn Hữu Phúc',
        address: 'Số 55, Tổ dân phố 2',
        villageId: 19,
        memberCount: 5,
        period: 2024,
        classification: 'POOR',
        deprivations: ['adultEducation', 'waterSource'],
        status: 'draft',
      },
      villages,
    );
    expect(changes.map((c) => `${c.label.vi}: ${c.before?.vi ?? '—'} → ${c.after?.vi ?? '—'}`)).toEqual([
      'Kỳ rà soát: 2023 → 2024',
      'Phân loại: Hộ không thuộc diện nghèo, cận nghèo → Hộ nghèo',
      'Chỉ số thiếu hụt: Trình độ giáo dục của người lớn → Trình độ giáo dục của người lớn; Nguồn nước sinh hoạt',
      'Trạng thái kết quả: Đã duyệt → Chưa duyệt',
      'Số thành viên: 6 → 5',
      'Thôn, tổ dân phố: Tổ dân phố 2 → Tổ dân phố 3',
    ]);
    expect(changes[1]!.after!.en).toBe('Poor household');
  });

  it('a first write lists what it recorded, with no before', () => {
    const changes = snapshotChanges(
      null,
      {
        version: 1,
        headName: 'Bùi Quang Trung',
        memberCount: 3,
        period: 2023,
        classification: 'POOR',
        deprivations: [],
        status: 'approved',
      },
      villages,
    );
    expect(changes.every((c) => c.before === null)).toBe(true);
    expect(changes.find((c) => c.label.vi === 'Chỉ số thiếu hụt')!.after!.vi).toBe('Không có');
    expect(changes.map((c) => c.label.vi)).toContain('Chủ hộ');
  });

  it('answers compared between two periods, through the field catalogue, members matched by name', () => {
    const before = {
      incomePerCapitaMonthly: 1500000,
      waterSource: 'surface',
      internetUse: false,
      infoDevices: ['tv'],
      housing: { floorAreaM2: 30, walls: 'durable' },
      members: [
        { name: 'An', sex: 'M', relation: 'head', education: 'primary', birthDate: '1970-01-02' },
        { name: 'Bình', sex: 'F', relation: 'spouse', education: 'primary', birthDate: '1972-03-04' },
      ],
    };
    const after = {
      incomePerCapitaMonthly: 2250000,
      waterSource: 'piped',
      internetUse: true,
      infoDevices: ['tv', 'phone'],
      housing: { floorAreaM2: 30, walls: 'durable' },
      members: [
        { name: 'An', sex: 'M', relation: 'head', education: 'lower-secondary', birthDate: '1970-01-02' },
        { name: 'Cường', sex: 'M', relation: 'child', education: 'primary', birthDate: '2010-05-06' },
      ],
    };
    const lines = answerChanges(before, after).map(
      (c) => `${c.label.vi}: ${c.before?.vi ?? '—'} → ${c.after?.vi ?? '—'}`,
    );
    expect(lines).toContain(
      'Thu nhập bình quân đầu người/tháng: 1.500.000 đồng/người/tháng → 2.250.000 đồng/người/tháng',
    );
    expect(lines.some((l) => /^Nguồn nước.*: .* → .*/.test(l) && !/surface|piped/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes('Có') && !l.includes('true'))).toBe(true);
    expect(lines).toContain('Thành viên: — → Cường');
    expect(lines).toContain('Thành viên: Bình → —');
    expect(lines.some((l) => l.startsWith('An – ') && !/primary|secondary/.test(l))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/floorArea|housing|\bM\b|undefined|\[/);
  });
});

describe('stored snapshots of the change history', () => {
  it('stores an import’s snapshot by position, about a third of the object, and reads it back', () => {
    const after = {
      version: 1,
      headName: 'Mai Đức Nam',
      memberCount: 4,
      period: 2024,
      classification: 'NONE',
      deprivations: [],
      status: 'approved',
    };
    const text = encodeSnapshot(after);
    expect(text).toBe('[1,"Mai Đức Nam",false,false,4,2024,"NONE",[],"approved"]');
    expect(text.length * 2).toBeLessThan(JSON.stringify(after).length);
    expect(decodeSnapshot(text)).toEqual(after);
    // Absent keys stay absent (the history lists only what a write recorded); null stays null.
    expect(decodeSnapshot(encodeSnapshot({ version: 2, address: null }))).toEqual({
      version: 2,
      address: null,
    });
    expect(Object.keys(decodeSnapshot(encodeSnapshot({ period: 2024 }))!)).toEqual(['period']);
    // Rows stored as objects before read as they are; none reads as none.
    expect(decodeSnapshot(JSON.stringify(after))).toEqual(after);
    expect(decodeSnapshot(null)).toBeNull();
  });

  it('gives back any snapshot exactly, whatever it holds (property)', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.string()), fc.boolean());
    const key = fc.constantFrom(...SNAPSHOT_KEYS, 'other');
    fc.assert(
      fc.property(fc.dictionary(key, value), (s) => {
        expect(decodeSnapshot(encodeSnapshot(s as never))).toEqual(s);
      }),
    );
  });
});
