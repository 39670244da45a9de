// "Tải Excel": every table can leave the screen as the spreadsheet officers already work with.
// The workbook is written in the browser with exceljs, loaded on the first click only (it is
// large), from exactly the rows the table holds — the figures on screen and in the file agree.
import { useState } from 'react';
import { Button } from '@mantine/core';
import { defineMessages, useMessages } from '../i18n';
import { useErrorText } from './ErrorPanel';
import { DownloadError, saveBlob } from './saveFile';

const m = defineMessages({
  vi: { export: 'Tải Excel', failed: 'Không tạo được tệp Excel: {detail}' },
  en: { export: 'Download Excel', failed: 'Could not create the Excel file: {detail}' },
});

export interface ExportColumn<Row> {
  header: string;
  value: (row: Row) => string | number | null;
  width?: number;
}

export interface ExportButtonProps<Row> {
  /** File name without extension; ".xlsx" is added. */
  fileName: string;
  sheetName: string;
  /** A title line above the table (what, where, on which date). */
  title: string;
  columns: ExportColumn<Row>[];
  rows: Row[];
}

async function writeWorkbook<Row>({
  sheetName,
  title,
  columns,
  rows,
}: ExportButtonProps<Row>): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'giamngheo';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow([title]).font = { bold: true, size: 13 };
  sheet.addRow([]);
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F5F1' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const row of rows) sheet.addRow(columns.map((c) => c.value(row)));
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width ?? 18;
  });
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

export function ExportButton<Row>(props: ExportButtonProps<Row>) {
  const t = useMessages(m);
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      saveBlob(await writeWorkbook(props), `${props.fileName}.xlsx`);
    } catch (e) {
      setError(t.failed.replace('{detail}', errorText(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        variant="default"
        size="xs"
        onClick={() => void run()}
        loading={busy}
        disabled={props.rows.length === 0}
      >
        {t.export}
      </Button>
      <DownloadError text={error} />
    </>
  );
}
