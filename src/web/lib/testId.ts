import type { ButtonProps } from 'antd';

/** Props for buttons that components render for us (submitters), where JSX `data-*` can't be written. */
export function buttonTestId(id: string, props: ButtonProps = {}): ButtonProps {
  return { ...props, 'data-testid': id } as ButtonProps;
}
