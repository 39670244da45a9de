// Quỹ "Vì người nghèo": the funds of the Front committees in scope, one fund's ledger (receipts,
// spending with the households reached, transfers), its yearly statement as XLSX/PDF, and for
// the Front the forms to record a receipt and spending. Names of households pass the server's
// masking; words of codes come from the catalogue.
import { useState } from 'react';
import {
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useUser } from '../../auth/session';
import { can } from '../../../../domain/access/permissions';
import { optionsOf, wordOfCode } from '../../../../domain/words/catalogue';
import { api } from '../../api/client';
import { useFund, useFunds } from '../../api/front';
import { DateField } from '../../components/DateField';
import { DownloadButton } from '../../components/DownloadButton';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatDateVn, formatVnd } from '../../format';
import { defineMessages, fill, useLang, useMessages } from '../../i18n';
import type { Fund } from '../../api/front';
import type { Unit } from '../../api/types';
import { UnitSearch } from '../../components/UnitSearch';
import { FormActions, FormError, ScopeUnitField, useProvinceOf } from './fields';
import { useFieldErrors } from '../../components/fieldErrors';
import { usePageTitle } from '../../layout/usePageTitle';

const m = defineMessages({
  vi: {
    title: 'Quỹ "Vì người nghèo"',
    lead: 'Sổ quỹ của Ủy ban Mặt trận Tổ quốc các cấp: thu, chi cho hộ nghèo, điều chuyển giữa các cấp và chuyển số dư sang năm sau.',
    fund: 'Quỹ',
    none: 'Chưa có quỹ nào trong phạm vi của bạn.',
    noReceipts: 'Quỹ chưa có khoản thu nào trong năm.',
    noSpending: 'Quỹ chưa có khoản chi nào trong năm.',
    received: 'Đã thu',
    spent: 'Đã chi',
    transferredIn: 'Nhận điều chuyển',
    transferredOut: 'Điều chuyển đi',
    balance: 'Số dư',
    receipts: 'Các khoản thu',
    spending: 'Các khoản chi',
    transfers: 'Điều chuyển, chuyển số dư',
    receiptNo: 'Số biên lai',
    date: 'Ngày',
    donor: 'Người, đơn vị ủng hộ',
    anonymous: '(đề nghị không công khai tên)',
    kind: 'Hình thức',
    campaign: 'Đợt vận động',
    value: 'Giá trị (đồng)',
    purpose: 'Nội dung chi',
    amount: 'Số tiền (đồng)',
    decision: 'Quyết định',
    households: 'Hộ được hỗ trợ',
    counterpart: 'Quỹ đối ứng',
    direction: 'Chiều',
    in: 'Nhận',
    out: 'Chuyển đi',
    xlsx: 'Tải báo cáo Excel',
    pdf: 'Tải báo cáo PDF',
    newReceipt: 'Ghi khoản thu',
    newSpending: 'Ghi khoản chi',
    unitCode: 'Quỹ của Ủy ban MTTQ',
    donorKind: 'Người ủng hộ là',
    goods: 'Hiện vật, ngày công (nếu có)',
    decisionNo: 'Số quyết định chi',
    decisionDate: 'Ngày quyết định',
    householdKeys: 'Mã hộ được hỗ trợ, cách nhau bởi dấu phẩy (không bắt buộc)',
    reason: 'Lý do hỗ trợ hộ không thuộc diện nghèo, cận nghèo (nếu có)',
    save: 'Ghi',
    saved: 'Đã ghi.',
    newTransfer: 'Điều chuyển, chuyển số dư',
    transferKind: 'Loại',
    toUnit: 'Quỹ nhận (Ủy ban MTTQ của đơn vị trong tỉnh)',
    transferAmount: 'Số tiền (đồng)',
    carryAll: 'Số tiền (đồng; để trống là chuyển toàn bộ số dư {balance})',
    transferDecision: 'Số quyết định (không bắt buộc)',
    note: 'Ghi chú (không bắt buộc)',
    from: 'Từ quỹ: {fund}; số dư hiện có {balance}.',
    nextYear: 'Số dư chuyển sang quỹ năm {year} của cùng Ủy ban MTTQ.',
    transferred: 'Đã ghi điều chuyển.',
  },
  en: {
    title: 'Fund for the Poor',
    lead: 'The ledger of each Fatherland Front committee: receipts, spending on poor households, transfers between levels and the balance carried over to the next year.',
    fund: 'Fund',
    none: 'No fund within your scope yet.',
    noReceipts: 'The fund has no receipt this year yet.',
    noSpending: 'The fund has no spending this year yet.',
    received: 'Received',
    spent: 'Spent',
    transferredIn: 'From other levels',
    transferredOut: 'To other levels',
    balance: 'Balance',
    receipts: 'Receipts',
    spending: 'Spending',
    transfers: 'Transfers and carry-overs',
    receiptNo: 'Receipt no.',
    date: 'Date',
    donor: 'Donor',
    anonymous: '(asked not to be named)',
    kind: 'Kind',
    campaign: 'Campaign',
    value: 'Value (đồng)',
    purpose: 'Purpose',
    amount: 'Amount (đồng)',
    decision: 'Decision',
    households: 'Households supported',
    counterpart: 'Other fund',
    direction: 'Direction',
    in: 'In',
    out: 'Out',
    xlsx: 'Download the statement (Excel)',
    pdf: 'Download the statement (PDF)',
    newReceipt: 'Record a receipt',
    newSpending: 'Record spending',
    unitCode: 'Fund of the Front committee of',
    donorKind: 'The donor is',
    goods: 'Goods or labour (if any)',
    decisionNo: 'Decision number',
    decisionDate: 'Decision date',
    householdKeys: 'Household codes supported, separated by commas (optional)',
    reason: 'Reason to support a household neither poor nor near-poor (if any)',
    save: 'Save',
    saved: 'Saved.',
    newTransfer: 'Transfer or carry over',
    transferKind: 'Kind',
    toUnit: 'Receiving fund (the Front committee of a unit in the province)',
    transferAmount: 'Amount (đồng)',
    carryAll: 'Amount (đồng; empty carries over the whole balance of {balance})',
    transferDecision: 'Decision number (optional)',
    note: 'Note (optional)',
    from: 'From the fund: {fund}; balance {balance}.',
    nextYear: 'The balance goes to the same committee’s fund of {year}.',
    transferred: 'The transfer is recorded.',
  },
});

/** The ledger's tables fit the width a tablet held upright leaves them (800 px less the margins). */
const TABLE_MIN = 760;

export default function FundPage() {
  const t = useMessages(m);
  const { lang } = useLang();
  usePageTitle(t.title);
  const user = useUser();
  const funds = useFunds();
  const [picked, setPicked] = useState<string | null>(null);
  // The user's own committee's newest fund first (a ward's fund it transferred to comes after).
  const own = funds.data?.items.find((f) => f.unitCode === user.unitCode) ?? funds.data?.items[0];
  const id = picked ? Number(picked) : (own?.id ?? null);
  const fund = useFund(id);
  const writer = can(user.role, 'front.write');
  const w = (set: Parameters<typeof wordOfCode>[0], code: string | null) => wordOfCode(set, code, lang);

  return (
    <Stack>
      <Title order={1}>{t.title}</Title>
      <Text c="dimmed">{t.lead}</Text>
      {funds.isPending ? (
        <Skeleton h={40} />
      ) : funds.isError ? (
        <ErrorPanel error={funds.error} onRetry={() => void funds.refetch()} />
      ) : funds.data.items.length === 0 ? (
        <Text>{t.none}</Text>
      ) : (
        <Group align="end">
          <Select
            label={t.fund}
            w={360}
            value={String(id)}
            onChange={setPicked}
            data={funds.data.items.map((f) => ({ value: String(f.id), label: `${f.unitName} – ${f.year}` }))}
            allowDeselect={false}
          />
          {id !== null && (
            <>
              <DownloadButton
                href={`/api/v1/front/funds/${id}/statement.xlsx`}
                fileName="quy-vi-nguoi-ngheo.xlsx"
                variant="default"
              >
                {t.xlsx}
              </DownloadButton>
              <DownloadButton
                href={`/api/v1/front/funds/${id}/statement.pdf`}
                fileName="quy-vi-nguoi-ngheo.pdf"
                variant="default"
              >
                {t.pdf}
              </DownloadButton>
            </>
          )}
        </Group>
      )}
      {fund.data && (
        <>
          <Table withTableBorder w={420} aria-label={t.balance}>
            <Table.Tbody>
              {(
                [
                  [t.received, fund.data.fund.received],
                  [t.transferredIn, fund.data.fund.transferredIn],
                  [t.spent, fund.data.fund.spent],
                  [t.transferredOut, fund.data.fund.transferredOut],
                  [t.balance, fund.data.fund.balance],
                ] as const
              ).map(([label, v]) => (
                <Table.Tr key={label}>
                  <Table.Th>{label}</Table.Th>
                  <Table.Td ta="right" className="gn-num">
                    {formatVnd(v)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Title order={2}>{t.receipts}</Title>
          {fund.data.receipts.length === 0 ? (
            <Text>{t.noReceipts}</Text>
          ) : (
            <Table.ScrollContainer minWidth={TABLE_MIN}>
              <Table striped withTableBorder aria-label={t.receipts}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t.date}</Table.Th>
                    <Table.Th>{t.receiptNo}</Table.Th>
                    <Table.Th>{t.donor}</Table.Th>
                    <Table.Th>{t.kind}</Table.Th>
                    <Table.Th>{t.campaign}</Table.Th>
                    <Table.Th ta="right">{t.value}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {fund.data.receipts.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{formatDateVn(r.date)}</Table.Td>
                      <Table.Td>{r.receiptNo}</Table.Td>
                      <Table.Td>
                        {r.donorName} {r.anonymous ? t.anonymous : ''}
                      </Table.Td>
                      <Table.Td>
                        {w('receiptKind', r.kind)}
                        {r.goods ? `: ${r.goods}` : ''}
                      </Table.Td>
                      <Table.Td>{w('fundCampaign', r.campaign)}</Table.Td>
                      <Table.Td ta="right" className="gn-num">
                        {formatVnd(r.value)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Title order={2}>{t.spending}</Title>
          {fund.data.spending.length === 0 ? (
            <Text>{t.noSpending}</Text>
          ) : (
            <Table.ScrollContainer minWidth={TABLE_MIN}>
              <Table striped withTableBorder aria-label={t.spending}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t.date}</Table.Th>
                    <Table.Th>{t.purpose}</Table.Th>
                    <Table.Th>{t.decision}</Table.Th>
                    <Table.Th>{t.households}</Table.Th>
                    <Table.Th ta="right">{t.amount}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {fund.data.spending.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>{formatDateVn(s.date)}</Table.Td>
                      <Table.Td>{w('fundPurpose', s.purpose)}</Table.Td>
                      <Table.Td>
                        {s.decisionNo} ({formatDateVn(s.decisionDate)})
                      </Table.Td>
                      <Table.Td>
                        {s.households
                          .map(
                            (h) =>
                              `${h.headName} (${h.householdKey}, ${w('classification', h.classification)})`,
                          )
                          .join('; ')}
                      </Table.Td>
                      <Table.Td ta="right" className="gn-num">
                        {formatVnd(s.amount)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {fund.data.transfers.length > 0 && (
            <>
              <Title order={2}>{t.transfers}</Title>
              <Table striped withTableBorder aria-label={t.transfers}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t.date}</Table.Th>
                    <Table.Th>{t.kind}</Table.Th>
                    <Table.Th>{t.direction}</Table.Th>
                    <Table.Th>{t.counterpart}</Table.Th>
                    <Table.Th ta="right">{t.amount}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {fund.data.transfers.map((x) => (
                    <Table.Tr key={x.id}>
                      <Table.Td>{formatDateVn(x.date)}</Table.Td>
                      <Table.Td>{w('fundTransfer', x.kind)}</Table.Td>
                      <Table.Td>{x.direction === 'in' ? t.in : t.out}</Table.Td>
                      <Table.Td>{x.counterpart}</Table.Td>
                      <Table.Td ta="right" className="gn-num">
                        {formatVnd(x.amount)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
        </>
      )}
      {writer && <ReceiptForm />}
      {writer && id !== null && <SpendingForm fundId={id} />}
      {writer && fund.data && <TransferForm fund={fund.data.fund} />}
    </Stack>
  );
}

function ReceiptForm() {
  const t = useMessages(m);
  const { lang } = useLang();
  const qc = useQueryClient();
  const [unit, setUnit] = useState<Unit | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [receiptNo, setReceiptNo] = useState('');
  const [donorName, setDonorName] = useState('');
  const [donorKind, setDonorKind] = useState<string | null>('individual');
  const [kind, setKind] = useState<string | null>('cash');
  const [goods, setGoods] = useState('');
  const [value, setValue] = useState<number | string>('');
  const save = useMutation({
    mutationFn: () =>
      api.post('/front/receipts', {
        unitCode: unit?.code ?? '',
        date,
        receiptNo,
        donorName,
        donorKind,
        kind,
        goods: goods || undefined,
        value,
      }),
    onSuccess: () => {
      setReceiptNo('');
      setDonorName('');
      setValue('');
      void qc.invalidateQueries({ queryKey: ['front'] });
    },
  });
  const e = useFieldErrors(save.error, {
    unitCode: t.unitCode,
    date: t.date,
    receiptNo: t.receiptNo,
    donorName: t.donor,
    donorKind: t.donorKind,
    kind: t.kind,
    goods: t.goods,
    value: t.value,
    campaign: t.campaign,
  });
  const fieldError = e.of;
  return (
    <Stack component="section" aria-label={t.newReceipt}>
      <Title order={2}>{t.newReceipt}</Title>
      <ScopeUnitField legend={t.unitCode} on={date} onChange={setUnit} error={fieldError('unitCode')} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <DateField label={t.date} value={date} onChange={setDate} error={fieldError('date')} />
        <TextInput
          label={t.receiptNo}
          value={receiptNo}
          onChange={(e) => setReceiptNo(e.currentTarget.value)}
          error={fieldError('receiptNo')}
        />
        <TextInput
          label={t.donor}
          value={donorName}
          onChange={(e) => setDonorName(e.currentTarget.value)}
          error={fieldError('donorName')}
        />
        <Select
          label={t.donorKind}
          value={donorKind}
          onChange={setDonorKind}
          data={optionsOf('donorKind', lang)}
          allowDeselect={false}
        />
        <Select
          label={t.kind}
          value={kind}
          onChange={setKind}
          data={optionsOf('receiptKind', lang)}
          allowDeselect={false}
        />
        <TextInput
          label={t.goods}
          value={goods}
          onChange={(e) => setGoods(e.currentTarget.value)}
          error={fieldError('goods')}
        />
        <NumberInput
          label={t.value}
          value={value}
          onChange={setValue}
          thousandSeparator="."
          decimalSeparator=","
          min={0}
          error={fieldError('value')}
        />
      </SimpleGrid>
      <FormError error={save.error} show={e.orphan} />
      {save.isSuccess && <Text role="status">{t.saved}</Text>}
      <FormActions label={t.save} onSave={() => save.mutate()} saving={save.isPending} />
    </Stack>
  );
}

function SpendingForm({ fundId }: { fundId: number }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const qc = useQueryClient();
  const [date, setDate] = useState<string | null>(null);
  const [purpose, setPurpose] = useState<string | null>(null);
  const [amount, setAmount] = useState<number | string>('');
  const [decisionNo, setDecisionNo] = useState('');
  const [decisionDate, setDecisionDate] = useState<string | null>(null);
  const [keys, setKeys] = useState('');
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api.post('/front/spending', {
        fundId,
        date,
        purpose,
        amount,
        decisionNo,
        decisionDate,
        households: keys
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean)
          .map((householdKey) => ({ householdKey, ...(reason ? { reason } : {}) })),
      }),
    onSuccess: () => {
      setAmount('');
      setKeys('');
      setReason('');
      void qc.invalidateQueries({ queryKey: ['front'] });
    },
  });
  const e = useFieldErrors(save.error, {
    date: t.date,
    purpose: t.purpose,
    amount: t.amount,
    decisionNo: t.decisionNo,
    decisionDate: t.decisionDate,
    households: t.householdKeys,
  });
  const fieldError = e.of;
  return (
    <Stack component="section" aria-label={t.newSpending}>
      <Title order={2}>{t.newSpending}</Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <DateField label={t.date} value={date} onChange={setDate} error={fieldError('date')} />
        <Select
          label={t.purpose}
          value={purpose}
          onChange={setPurpose}
          data={optionsOf('fundPurpose', lang)}
          error={fieldError('purpose')}
        />
        <NumberInput
          label={t.amount}
          value={amount}
          onChange={setAmount}
          thousandSeparator="."
          decimalSeparator=","
          min={0}
          error={fieldError('amount')}
        />
        <TextInput
          label={t.decisionNo}
          value={decisionNo}
          onChange={(e) => setDecisionNo(e.currentTarget.value)}
          error={fieldError('decisionNo')}
        />
        <DateField
          label={t.decisionDate}
          value={decisionDate}
          onChange={setDecisionDate}
          error={fieldError('decisionDate')}
        />
        <TextInput
          label={t.householdKeys}
          value={keys}
          onChange={(e) => setKeys(e.currentTarget.value)}
          error={fieldError('households')}
        />
        <TextInput label={t.reason} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
      </SimpleGrid>
      <FormError error={save.error} show={e.orphan} />
      {save.isSuccess && <Text role="status">{t.saved}</Text>}
      <FormActions label={t.save} onSave={() => save.mutate()} saving={save.isPending} />
    </Stack>
  );
}

/**
 * Money leaving the fund: to another level's fund in the same province and year (the province's
 * fund, or a commune's), or the balance carried over to the same committee's next-year fund. The
 * receiving fund may lie outside the user's scope (the province's): it is chosen by name among
 * the province's units, and the server checks the rest (same province, same year, balance).
 */
function TransferForm({ fund }: { fund: Fund }) {
  const t = useMessages(m);
  const { lang } = useLang();
  const qc = useQueryClient();
  const [kind, setKind] = useState<string | null>('transfer');
  const [date, setDate] = useState<string | null>(null);
  const [toUnitCode, setToUnitCode] = useState('');
  const [amount, setAmount] = useState<number | string>('');
  const [decisionNo, setDecisionNo] = useState('');
  const [note, setNote] = useState('');
  const on = date ?? `${fund.year}-12-31`;
  const province = useProvinceOf(fund.unitCode, `${fund.year}-12-31`);
  const save = useMutation({
    mutationFn: () =>
      api.post('/front/transfers', {
        fundId: fund.id,
        kind,
        date,
        ...(kind === 'transfer' ? { toUnitCode } : {}),
        ...(amount === '' && kind === 'carry-over' ? {} : { amount }),
        ...(decisionNo ? { decisionNo } : {}),
        ...(note ? { note } : {}),
      }),
    onSuccess: () => {
      setAmount('');
      setNote('');
      void qc.invalidateQueries({ queryKey: ['front'] });
    },
  });
  const e = useFieldErrors(save.error, {
    kind: t.transferKind,
    date: t.date,
    toUnitCode: t.toUnit,
    amount: t.transferAmount,
    decisionNo: t.transferDecision,
    note: t.note,
  });
  const balance = formatVnd(fund.balance);
  return (
    <Stack component="section" aria-label={t.newTransfer}>
      <Title order={2}>{t.newTransfer}</Title>
      <Text size="sm">{fill(t.from, { fund: `${fund.unitName} – ${fund.year}`, balance })}</Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t.transferKind}
          value={kind}
          onChange={setKind}
          data={optionsOf('fundTransfer', lang)}
          allowDeselect={false}
          error={e.of('kind')}
        />
        <DateField label={t.date} value={date} onChange={setDate} error={e.of('date')} />
        <NumberInput
          label={kind === 'carry-over' ? fill(t.carryAll, { balance }) : t.transferAmount}
          value={amount}
          onChange={setAmount}
          thousandSeparator="."
          decimalSeparator=","
          min={0}
          error={e.of('amount')}
        />
      </SimpleGrid>
      {kind === 'transfer' ? (
        <UnitSearch
          label={t.toUnit}
          value={toUnitCode}
          onChange={setToUnitCode}
          on={on}
          {...(province ? { within: province } : {})}
          error={e.of('toUnitCode')}
        />
      ) : (
        <Text size="sm">{fill(t.nextYear, { year: fund.year + 1 })}</Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t.transferDecision}
          value={decisionNo}
          onChange={(ev) => setDecisionNo(ev.currentTarget.value)}
          error={e.of('decisionNo')}
        />
        <TextInput
          label={t.note}
          value={note}
          onChange={(ev) => setNote(ev.currentTarget.value)}
          error={e.of('note')}
        />
      </SimpleGrid>
      <FormError error={save.error} show={e.orphan} />
      {save.isSuccess && <Text role="status">{t.transferred}</Text>}
      <FormActions label={t.save} onSave={() => save.mutate()} saving={save.isPending} />
    </Stack>
  );
}
