import { DatePicker } from 'antd';
import dayjs from 'dayjs';

export interface DayRange {
  from: string;
  to: string;
}

/** Two business days (YYYY-MM-DD, both included), always both set: the statistics pages' custom period. */
export function DayRangePicker({
  value,
  onChange,
  testId,
}: {
  value: DayRange | undefined;
  onChange: (range: DayRange) => void;
  testId?: string;
}) {
  return (
    <DatePicker.RangePicker
      value={value ? [dayjs(value.from), dayjs(value.to)] : null}
      allowClear={false}
      onChange={(v) => {
        if (v?.[0] && v[1]) onChange({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') });
      }}
      data-testid={testId}
    />
  );
}
