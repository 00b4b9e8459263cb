import type { FormInstance } from 'antd';

/**
 * The form's values, or null when a field is invalid: antd rejects with `{ errorFields }` and the
 * fields already show their messages, so there is nothing more to say. Anything else is rethrown.
 */
export async function validated<V>(form: FormInstance<V>): Promise<V | null> {
  try {
    return await form.validateFields();
  } catch (error) {
    if (error && typeof error === 'object' && 'errorFields' in error) return null;
    throw error;
  }
}
