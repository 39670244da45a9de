import { describe, expect, it } from 'vitest';
import { roleSeesPersonalData } from './personal-data.js';

describe('roleSeesPersonalData', () => {
  it('lets the registry officers and the administrator see people; the others see initials', () => {
    expect(['admin', 'province-officer', 'commune-officer'].map(roleSeesPersonalData)).toEqual([
      true,
      true,
      true,
    ]);
    expect(['finance-officer', 'supervisor', 'editor', ''].map(roleSeesPersonalData)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
