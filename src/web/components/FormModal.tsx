import { ModalForm, type ModalFormProps } from '@ant-design/pro-components';
import { App, Form } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { showServerErrors } from '../lib/formErrors';
import { buttonTestId } from '../lib/testId';

type PassedOn<Values> = Omit<
  ModalFormProps<Values>,
  'open' | 'form' | 'title' | 'width' | 'modalProps' | 'onOpenChange' | 'submitter' | 'onFinish' | 'children'
>;

export interface FormModalProps<Values> extends PassedOn<Values> {
  title: ReactNode;
  /** Pixels; 520 unless the fields need more room. */
  width?: number;
  /** `data-testid` of the submit button (the browser tests press it). */
  testId: string;
  /** A red submit button: the decision is hard to undo (reject, exit). */
  danger?: boolean;
  /** The submit button's text; 确定 unless given. */
  submitText?: string;
  /** The pop-up has closed: cancelled, or done. */
  onClose: () => void;
  /**
   * Does the work. Resolving closes the pop-up, unless it resolves `false`; a thrown error is put on
   * the fields it names (or shown as a message) and the pop-up stays open for a correction.
   */
  onFinish: (values: Values) => Promise<unknown>;
  children: ReactNode;
}

/**
 * The app's pop-up form: 确定 / 取消, not closed by a click beside it, the server's validation errors
 * on the fields. Render it only while it is shown, so that it starts fresh each time.
 */
export function FormModal<Values>({
  title,
  width = 520,
  testId,
  danger,
  submitText,
  onClose,
  onFinish,
  children,
  ...rest
}: FormModalProps<Values>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  return (
    <ModalForm<Values>
      {...rest}
      open
      form={form}
      title={title}
      width={width}
      modalProps={{ maskClosable: false, destroyOnHidden: true }}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      submitter={{
        searchConfig: { submitText: submitText ?? t('common.ok'), resetText: t('common.cancel') },
        submitButtonProps: buttonTestId(testId, { danger }),
      }}
      onFinish={async (values) => {
        try {
          return (await onFinish(values)) !== false;
        } catch (error) {
          showServerErrors(form, error, message);
          return false;
        }
      }}
    >
      {children}
    </ModalForm>
  );
}
