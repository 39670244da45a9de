// A date field that reads and writes dd/mm/yyyy (typed or picked from a Vietnamese or English
// calendar) and hands the app a `YYYY-MM-DD` string. Typing works without the mouse.
import { DateInput, DatesProvider, type DateInputProps } from '@mantine/dates';
import '@mantine/dates/styles.css';
import { parseDateVn } from '../text';
import { defineMessages, useLang, useMessages } from '../i18n';

const m = defineMessages({
  vi: { next: 'Tháng sau', previous: 'Tháng trước', hint: 'dd/mm/yyyy' },
  en: { next: 'Next month', previous: 'Previous month', hint: 'dd/mm/yyyy' },
});

type Props = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser'> & {
  value: string | null;
  onChange: (value: string | null) => void;
};

export function DateField({ value, onChange, ...rest }: Props) {
  const { lang } = useLang();
  const t = useMessages(m);
  return (
    <DatesProvider settings={{ locale: lang, firstDayOfWeek: 1 }}>
      <DateInput
        value={value}
        onChange={(v) => onChange(v)}
        valueFormat="DD/MM/YYYY"
        dateParser={parseDateVn}
        placeholder={t.hint}
        nextLabel={t.next}
        previousLabel={t.previous}
        // No fade: the calendar is either there at full contrast or gone (an old tablet draws no
        // animation, and a half-faded calendar is what an accessibility check would read).
        popoverProps={{ withinPortal: true, transitionProps: { duration: 0 } }}
        {...rest}
      />
    </DatesProvider>
  );
}
