// Builders for finance tests: an allocation of the Sầm Sơn 2024 kind with sensible defaults.
import { createAllocation, type AllocationInput } from '../../src/services/finance/allocations.service.js';
import { SYSTEM, type Deps } from '../../src/services/deps.js';

export function allocationInput(overrides: AllocationInput = {}): AllocationInput {
  return {
    year: 2024,
    unitCode: '382',
    componentCode: 'DA4',
    capitalType: 'recurrent',
    source: 'central',
    amount: 1_000_000_000,
    decisionNo: '512/QĐ-UBND',
    decisionDate: '2024-02-26',
    deadline: '2024-09-30',
    ...overrides,
  };
}

export async function buildAllocation(deps: Deps, overrides: AllocationInput = {}) {
  return createAllocation(deps, SYSTEM, allocationInput(overrides));
}
