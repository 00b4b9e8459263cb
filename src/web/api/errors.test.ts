import { afterAll, describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { ApiError } from './errors';

/** A refused form: one problem the server words in both languages, one from before it did. */
const refused = () =>
  new ApiError(400, 'VALIDATION_FAILED', '提交的数据不符合要求，请检查后重试', 'The request is not valid', [
    { path: 'name', message: '请填写姓名', messageEn: 'Enter the name' },
    { path: ['members', 0, 'idNumber'], message: '校验码不正确' },
  ]);

describe('the problems of a refused form', () => {
  afterAll(() => i18n.changeLanguage('zh-CN'));

  it('are in Chinese in the Chinese interface', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(refused().fieldErrors).toEqual([
      { path: 'name', message: '请填写姓名' },
      { path: 'members.0.idNumber', message: '校验码不正确' },
    ]);
  });

  it('are in English in the English interface, where the server gave the English', async () => {
    await i18n.changeLanguage('en');
    expect(refused().fieldErrors).toEqual([
      { path: 'name', message: 'Enter the name' },
      { path: 'members.0.idNumber', message: '校验码不正确' },
    ]);
    expect(refused().localized).toBe('The request is not valid');
  });
});
