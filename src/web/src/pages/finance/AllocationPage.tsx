// One allocation: its figures, the ledger (adjustments as dated entries), the disbursements and the
// "cannot be implemented" reasons; a finance officer records disbursements and adjustments here.
import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { useAllocation, usePrograms } from '../../api/finance';
import { useUser } from '../../auth/session';
import { can } from '../../../../domain/access/permissions';
import { amountInWordsEn } from '../../../../domain/finance/amount-words';
import { DateField } from '../../components/DateField';
import { ErrorPanel, useErrorText } from '../../components/ErrorPanel';
import { useFieldErrors } from '../../components/fieldErrors';
import { UnitName } from '../../components/UnitSearch';
import { formatDateVn, formatPercent, formatVnd } from '../../format';
import { defineMessages, useLang, useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';
import { labels, RISK_COLOR } from './labels';

const m = defineMessages({
  vi: {
    title: 'Phân bổ vốn',
    decision: 'Quyết định',
    deadline: 'Hạn giải ngân',
    planned: 'Kế hoạch vốn',
    disbursed: 'Đã giải ngân',
    available: 'Còn lại',
    words: 'Bằng chữ',
    ledger: 'Sổ theo dõi điều chỉnh',
    noEntries: 'Chưa có điều chỉnh.',
    payments: 'Các lần giải ngân',
    noPayments: 'Chưa giải ngân.',
    issues: 'Nội dung không thực hiện được',
    record: 'Ghi giải ngân',
    date: 'Ngày chứng từ',
    amount: 'Số tiền (đồng)',
    voucher: 'Số chứng từ',
    activity: 'Nội dung',
    save: 'Ghi giải ngân',
    saved: 'Đã ghi giải ngân.',
    kind: 'Loại',
    reason: 'Lý do',
    proposal: 'Đề xuất',
    households: 'Số hộ',
    adjust: 'Ghi điều chỉnh',
    adjustKind: 'Loại điều chỉnh',
    increase: 'Bổ sung',
    cut: 'Cắt giảm',
    transfer: 'Điều chuyển sang phân bổ khác',
    'carry-over': 'Chuyển nguồn sang năm sau',
    entryDate: 'Ngày quyết định điều chỉnh',
    decisionNo: 'Số quyết định (không bắt buộc)',
    toAllocation: 'Mã phân bổ nhận',
    reasonField: 'Lý do (không bắt buộc)',
    adjusted: 'Đã ghi điều chỉnh.',
    adjAmount: 'Số tiền điều chỉnh (đồng)',
  },
  en: {
    title: 'Allocation',
    decision: 'Decision',
    deadline: 'Deadline',
    planned: 'Planned',
    disbursed: 'Disbursed',
    available: 'Left',
    words: 'In words',
    ledger: 'Adjustment ledger',
    noEntries: 'No adjustment yet.',
    payments: 'Disbursements',
    noPayments: 'Nothing disbursed yet.',
    issues: 'Cannot be implemented',
    record: 'Record a disbursement',
    date: 'Voucher date',
    amount: 'Amount (đồng)',
    voucher: 'Voucher number',
    activity: 'Activity',
    save: 'Record',
    saved: 'Disbursement recorded.',
    kind: 'Kind',
    reason: 'Reason',
    proposal: 'Proposal',
    households: 'Households',
    adjust: 'Record an adjustment',
    adjustKind: 'Kind of adjustment',
    increase: 'Increase',
    cut: 'Cut',
    transfer: 'Transfer to another allocation',
    'carry-over': 'Carry over to next year',
    entryDate: 'Date of the adjusting decision',
    decisionNo: 'Decision number (optional)',
    toAllocation: 'Receiving allocation id',
    reasonField: 'Reason (optional)',
    adjusted: 'Adjustment recorded.',
    adjAmount: 'Amount of the adjustment (đồng)',
  },
});

function DisbursementForm({ allocationId }: { allocationId: number }) {
  const t = useMessages(m);
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [date, setDate] = useState<string | null>(null);
  const [amount, setAmount] = useState<number | string>('');
  const [voucherNo, setVoucher] = useState('');
  const [activity, setActivity] = useState('');
  const save = useMutation({
    mutationFn: () => api.post('/finance/disbursements', { allocationId, date, amount, voucherNo, activity }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['finance'] }),
  });
  // The API names the payload's keys ("Thiếu trường bắt buộc date."): each reads as its label.
  const e = useFieldErrors(save.error, {
    allocationId: t.record,
    date: t.date,
    amount: t.amount,
    voucherNo: t.voucher,
    activity: t.activity,
  });
  const fieldError = (f: string) => e.of(f);
  return (
    <Paper
      p="md"
      component="form"
      onSubmit={(ev) => {
        ev.preventDefault();
        save.mutate();
      }}
    >
      <Title order={2} mb="sm">
        {t.record}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <DateField label={t.date} value={date} onChange={setDate} error={fieldError('date')} />
        <NumberInput
          label={t.amount}
          value={amount}
          onChange={setAmount}
          thousandSeparator="."
          decimalSeparator=","
          allowDecimal={false}
          error={fieldError('amount')}
        />
        <TextInput
          label={t.voucher}
          value={voucherNo}
          onChange={(e) => setVoucher(e.currentTarget.value)}
          error={fieldError('voucherNo')}
        />
        <TextInput
          label={t.activity}
          value={activity}
          onChange={(e) => setActivity(e.currentTarget.value)}
          error={fieldError('activity')}
        />
      </SimpleGrid>
      {e.orphan || e.of('allocationId') ? (
        <Alert color="red" role="alert" mt="sm">
          {e.of('allocationId') ?? errorText(save.error)}
        </Alert>
      ) : null}
      {save.isSuccess ? (
        <Alert color="green" mt="sm">
          {t.saved}
        </Alert>
      ) : null}
      <Button type="submit" mt="sm" loading={save.isPending}>
        {t.save}
      </Button>
    </Paper>
  );
}

function AdjustmentForm({ allocationId }: { allocationId: number }) {
  const t = useMessages(m);
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [kind, setKind] = useState<string | null>('increase');
  const [date, setDate] = useState<string | null>(null);
  const [amount, setAmount] = useState<number | string>('');
  const [decisionNo, setDecisionNo] = useState('');
  const [reason, setReason] = useState('');
  const [toAllocationId, setTo] = useState<number | string>('');
  const save = useMutation({
    mutationFn: () =>
      api.post(`/finance/allocations/${allocationId}/adjustments`, {
        kind,
        date,
        amount,
        decisionNo,
        reason,
        ...(kind === 'transfer' ? { toAllocationId } : {}),
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['finance'] }),
  });
  const e = useFieldErrors(save.error, {
    kind: t.adjustKind,
    date: t.entryDate,
    amount: t.adjAmount,
    decisionNo: t.decisionNo,
    toAllocationId: t.toAllocation,
    reason: t.reasonField,
  });
  const fieldError = (f: string) => e.of(f);
  return (
    <Paper
      p="md"
      component="form"
      onSubmit={(ev) => {
        ev.preventDefault();
        save.mutate();
      }}
    >
      <Title order={2} mb="sm">
        {t.adjust}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label={t.adjustKind}
          value={kind}
          onChange={setKind}
          data={(['increase', 'cut', 'transfer', 'carry-over'] as const).map((k) => ({
            value: k,
            label: t[k],
          }))}
          error={fieldError('kind')}
        />
        <DateField label={t.entryDate} value={date} onChange={setDate} error={fieldError('date')} />
        <NumberInput
          label={t.adjAmount}
          value={amount}
          onChange={setAmount}
          thousandSeparator="."
          decimalSeparator=","
          allowDecimal={false}
          error={fieldError('amount')}
        />
        <TextInput
          label={t.decisionNo}
          value={decisionNo}
          onChange={(e) => setDecisionNo(e.currentTarget.value)}
          error={fieldError('decisionNo')}
        />
        {kind === 'transfer' ? (
          <NumberInput
            label={t.toAllocation}
            value={toAllocationId}
            onChange={setTo}
            allowDecimal={false}
            error={fieldError('toAllocationId')}
          />
        ) : null}
        <TextInput
          label={t.reasonField}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldError('reason')}
        />
      </SimpleGrid>
      {e.orphan ? (
        <Alert color="red" role="alert" mt="sm">
          {errorText(save.error)}
        </Alert>
      ) : null}
      {save.isSuccess ? (
        <Alert color="green" mt="sm">
          {t.adjusted}
        </Alert>
      ) : null}
      <Button type="submit" mt="sm" loading={save.isPending}>
        {t.adjust}
      </Button>
    </Paper>
  );
}

/** The program's name from the programs list (the code while it loads). */
function ProgramName({ code }: { code: string }) {
  const { lang } = useLang();
  const programs = usePrograms();
  // Never the bare code while the list loads; the code only if no programme answers to it.
  if (programs.isPending) return <Loader size="xs" type="dots" component="span" />;
  const p = programs.data?.find((x) => x.code === code);
  return <>{p ? (lang === 'en' ? p.nameEn : p.name) : code}</>;
}

export default function AllocationPage() {
  const t = useMessages(m);
  const l = useMessages(labels);
  const { lang } = useLang();
  usePageTitle(t.title);
  const { id = '' } = useParams();
  const user = useUser();
  const a = useAllocation(id);
  if (a.error) return <ErrorPanel error={a.error} onRetry={() => void a.refetch()} />;
  const d = a.data;
  if (!d) return null;
  return (
    <Stack gap="md">
      <div>
        <Text size="xs" c="dimmed" fw={600}>
          <ProgramName code={d.programCode} /> · {d.year} · <UnitName code={d.unitCode} />
        </Text>
        <Title order={1}>
          <span className="gn-code">{d.componentCode}</span>{' '}
          {lang === 'en' ? d.componentNameEn : d.componentName}
        </Title>
        <Group gap="xs" mt={4}>
          <Badge variant="light">{l[d.source]}</Badge>
          <Badge variant="light" color="gray">
            {l[d.capitalType]}
          </Badge>
          <Badge variant="light" color={RISK_COLOR[d.risk.state]}>
            {l[d.risk.state]}
          </Badge>
        </Group>
        <Text size="sm" mt={4}>
          {t.decision}: {d.decisionNo} ({formatDateVn(d.decisionDate)}) · {t.deadline}:{' '}
          {formatDateVn(d.deadline)}
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Paper p="md">
          <Text size="sm" c="dimmed">
            {t.planned}
          </Text>
          <Text fz={22} fw={700} className="gn-num">
            {formatVnd(d.planned)}
          </Text>
        </Paper>
        <Paper p="md">
          <Text size="sm" c="dimmed">
            {t.disbursed}
          </Text>
          <Text fz={22} fw={700} className="gn-num">
            {formatVnd(d.disbursed)} ({formatPercent(d.rate, 1)})
          </Text>
        </Paper>
        <Paper p="md">
          <Text size="sm" c="dimmed">
            {t.available}
          </Text>
          <Text fz={22} fw={700} className="gn-num">
            {formatVnd(d.available)}
          </Text>
        </Paper>
      </SimpleGrid>
      <Text size="sm">
        <i>
          {t.words}: {lang === 'en' ? amountInWordsEn(d.planned) : d.amountInWords}.
        </i>
      </Text>
      <Title order={2}>{t.ledger}</Title>
      {d.entries.length === 0 ? (
        <Text>{t.noEntries}</Text>
      ) : (
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.date}</Table.Th>
              <Table.Th>{t.kind}</Table.Th>
              <Table.Th ta="right">{t.amount}</Table.Th>
              <Table.Th>{t.decision}</Table.Th>
              <Table.Th>{t.reason}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.entries.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{formatDateVn(e.entry_date)}</Table.Td>
                <Table.Td>{e.kind}</Table.Td>
                <Table.Td ta="right" className="gn-num">
                  {formatVnd(e.delta, false)}
                </Table.Td>
                <Table.Td>{e.decision_no ?? ''}</Table.Td>
                <Table.Td>{e.reason ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={2}>{t.payments}</Title>
      {d.disbursements.length === 0 ? (
        <Text>{t.noPayments}</Text>
      ) : (
        <Table withTableBorder data-testid="disbursements">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t.date}</Table.Th>
              <Table.Th>{t.voucher}</Table.Th>
              <Table.Th>{t.activity}</Table.Th>
              <Table.Th ta="right">{t.households}</Table.Th>
              <Table.Th ta="right">{t.amount}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.disbursements.map((x) => (
              <Table.Tr key={x.id}>
                <Table.Td>{formatDateVn(x.disbursed_on)}</Table.Td>
                <Table.Td>{x.voucher_no}</Table.Td>
                <Table.Td>{x.activity}</Table.Td>
                <Table.Td ta="right" className="gn-num">
                  {x.beneficiary_households}
                </Table.Td>
                <Table.Td ta="right" className="gn-num">
                  {formatVnd(x.amount, false)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {d.issues.length > 0 ? (
        <>
          <Title order={2}>{t.issues}</Title>
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.date}</Table.Th>
                <Table.Th>{t.reason}</Table.Th>
                <Table.Th ta="right">{t.amount}</Table.Th>
                <Table.Th>{t.proposal}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.issues.map((x) => (
                <Table.Tr key={x.id}>
                  <Table.Td>{formatDateVn(x.recorded_on)}</Table.Td>
                  <Table.Td>{x.detail}</Table.Td>
                  <Table.Td ta="right" className="gn-num">
                    {formatVnd(x.amount, false)}
                  </Table.Td>
                  <Table.Td>{x.proposal}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : null}
      {can(user.role, 'finance.write') ? (
        <>
          <DisbursementForm allocationId={d.id} />
          <AdjustmentForm allocationId={d.id} />
        </>
      ) : null}
    </Stack>
  );
}
