// The Fatherland Front's module (API /front/*): funds and their ledger, Great Solidarity houses,
// supervision and its answers.
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface Fund {
  id: number;
  unitCode: string;
  unitName: string;
  year: number;
  level: string;
  received: number;
  spent: number;
  transferredIn: number;
  transferredOut: number;
  balance: number;
}

export interface FundDetail {
  fund: Fund;
  receipts: {
    id: number;
    receiptNo: string;
    date: string;
    donorName: string;
    donorKind: string;
    anonymous: boolean;
    kind: string;
    goods: string | null;
    value: number;
    campaign: string;
  }[];
  spending: {
    id: number;
    date: string;
    purpose: string;
    amount: number;
    decisionNo: string;
    decisionDate: string;
    description: string | null;
    households: {
      householdKey: string;
      headName: string;
      village: string | null;
      classification: string | null;
    }[];
  }[];
  transfers: {
    id: number;
    kind: string;
    direction: 'in' | 'out';
    counterpart: string;
    amount: number;
    date: string;
  }[];
}

export interface House {
  id: number;
  householdKey: string;
  communeName: string;
  headName: string;
  village: string | null;
  kind: string;
  estimatedCost: number;
  actualCost: number | null;
  stage: string;
  approvedOn: string;
  startedOn: string | null;
  handedOverOn: string | null;
  outcome: string | null;
  photos: { id: number; stage: string | null; fileName: string }[];
}

export interface Recommendation {
  id: number;
  planId: number;
  addresseeUnitCode: string;
  addresseeName: string;
  content: string;
  issuedOn: string;
  deadline: string;
  state: string;
  daysOverdue: number;
  answeredOn: string | null;
  answerStatus: string | null;
  answerText: string | null;
  attachments: { id: number; fileName: string }[];
}

export interface Plan {
  id: number;
  unitName: string;
  topic: string;
  startDate: string;
  endDate: string;
  units: { code: string; name: string }[];
  visits: { id: number; unitCode: string; date: string; findings: string }[];
  recommendations: Recommendation[];
}

export function useFunds() {
  return useQuery({
    queryKey: ['front', 'funds'],
    queryFn: ({ signal }) => api.get<{ items: Fund[] }>('/front/funds', undefined, signal),
  });
}

export function useFund(id: number | null) {
  return useQuery({
    queryKey: ['front', 'fund', id],
    queryFn: ({ signal }) => api.get<FundDetail>(`/front/funds/${id}`, undefined, signal),
    enabled: id !== null,
  });
}

export function useHouses() {
  return useQuery({
    queryKey: ['front', 'houses'],
    queryFn: ({ signal }) => api.get<{ items: House[] }>('/front/houses', undefined, signal),
  });
}

export function usePlans() {
  return useQuery({
    queryKey: ['front', 'plans'],
    queryFn: ({ signal }) => api.get<{ items: Plan[] }>('/front/plans', undefined, signal),
  });
}

export function useRecommendations() {
  return useQuery({
    queryKey: ['front', 'recommendations'],
    queryFn: ({ signal }) =>
      api.get<{ items: Recommendation[] }>('/front/recommendations', undefined, signal),
  });
}

export function useOverdue() {
  return useQuery({
    queryKey: ['front', 'overdue'],
    queryFn: ({ signal }) =>
      api.get<{ items: Recommendation[] }>('/front/recommendations/overdue', undefined, signal),
  });
}
