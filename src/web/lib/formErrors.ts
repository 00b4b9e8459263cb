import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from '../api/errors';

interface MessageApi {
  error: (content: string) => unknown;
}

/**
 * Puts the server's validation problems (`details[].path`) on the matching form fields; anything
 * that names no field of this form is shown as a message.
 */
export function showServerErrors(form: FormInstance, error: unknown, message: MessageApi): void {
  if (error instanceof ApiError) {
    const known = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>));
    const details = error.fieldErrors;
    const onFields = details.filter((d) => d.path && known.has(topField(d.path)));
    if (onFields.length > 0) {
      form.setFields(onFields.map((d) => ({ name: topField(d.path ?? ''), errors: [d.message] })));
      const rest = details.filter((d) => !onFields.includes(d));
      if (rest.length > 0) message.error(rest.map((d) => d.message).join('；'));
      return;
    }
  }
  message.error(errorMessage(error));
}

/** `roles.0` or `body.roles` → `roles`. */
function topField(path: string): string {
  const parts = path.replace(/^body\./, '').split(/[.[]/);
  return parts[0] ?? path;
}
