import { Typography } from 'antd';

/**
 * A grey second line under a table cell's main value (the unit under a name, the bank under an
 * account), cut short with the whole text in a tooltip: tables fit without a column for each.
 */
export function SecondLine({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return (
    <Typography.Text type="secondary" ellipsis={{ tooltip: text }} style={{ display: 'block', fontSize: 12 }}>
      {text}
    </Typography.Text>
  );
}
