import { Form, type GetRef, Input } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';

interface Props {
  title: string;
  /** Text above the field (what happens next). */
  notice?: string;
  /** A reason is required (return, reject, exit decisions); otherwise an optional comment. */
  required: boolean;
  /** The body field the API expects. */
  field: 'reason' | 'comment';
  /** The field's label, worded for the action (退回原因（写明需补充的材料或信息）, 不予通过的理由…). */
  label: string;
  /** An example of what to write, in the text box until something is typed. */
  placeholder?: string;
  testId: string;
  danger?: boolean;
  onClose: () => void;
  /** Resolves true when done; reports its own errors. */
  onSubmit: (text: string | null) => Promise<boolean>;
}

/** Frames to wait for the text box: the dialog renders into its portal a frame or two after opening. */
const FOCUS_ATTEMPTS = 10;

export function ReasonModal({
  title,
  notice,
  required,
  field,
  label,
  placeholder,
  testId,
  danger,
  onClose,
  onSubmit,
}: Props) {
  const { t } = useTranslation();
  const text = useRef<GetRef<typeof Input.TextArea>>(null);

  // The text box gets the focus, not the dialog's frame: typing the reason is what the dialog is for.
  // After the open has been committed, so that the dialog has noted the button to give focus back to.
  useEffect(() => {
    let attempts = 0;
    let frame = requestAnimationFrame(function focusText() {
      const box = text.current?.resizableTextArea?.textArea;
      if (box?.isConnected) box.focus();
      else if (++attempts < FOCUS_ATTEMPTS) frame = requestAnimationFrame(focusText);
    });
    return () => cancelAnimationFrame(frame);
  }, []);

  return (
    <FormModal<Record<string, string>>
      title={title}
      testId={`${testId}-confirm`}
      danger={danger}
      onClose={onClose}
      onFinish={(values) => onSubmit(values[field]?.trim() || null)}
    >
      {notice && <p>{notice}</p>}
      <Form.Item
        name={field}
        label={label}
        rules={
          required
            ? [{ required: true, whitespace: true, min: 2, message: t('households.reason.required') }]
            : []
        }
      >
        <Input.TextArea
          ref={text}
          rows={4}
          maxLength={500}
          showCount
          placeholder={placeholder}
          data-testid={`${testId}-reason`}
        />
      </Form.Item>
    </FormModal>
  );
}
