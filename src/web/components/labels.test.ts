import { afterAll, describe, expect, it } from 'vitest';
import { systemActorName } from '../../shared/timeline-text';
import i18n from '../i18n';
import { auditActorLabel } from './labels';

afterAll(() => i18n.changeLanguage('zh-CN'));

const USER = '00000000-0000-4000-8000-000000000001';

describe('who wrote an audit entry', () => {
  it('in English: a person with their user name in English brackets, the system in English', async () => {
    await i18n.changeLanguage('en');
    expect(auditActorLabel({ actorId: USER, actorName: '王芳（jd.wj.wy.officer）' })).toBe(
      '王芳 (jd.wj.wy.officer)',
    );
    expect(
      auditActorLabel({
        actorId: USER,
        actorName: systemActorName({ person: '王芳（wf）', trigger: 'corrected' }),
      }),
    ).toBe('System (after 王芳 (wf) corrected a monthly income)');
    expect(auditActorLabel({ actorId: null, actorName: '系统' })).toBe('System');
  });

  it('in Chinese: the stored name as it is', async () => {
    await i18n.changeLanguage('zh-CN');
    const name = systemActorName({ person: '王芳（wf）', trigger: 'recorded' });
    expect(auditActorLabel({ actorId: USER, actorName: name })).toBe(name);
    expect(auditActorLabel({ actorId: USER, actorName: '王芳（wf）' })).toBe('王芳（wf）');
    expect(auditActorLabel({ actorId: null, actorName: '系统' })).toBe('系统');
  });
});
