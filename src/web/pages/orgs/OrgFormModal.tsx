import { ProFormDependency, ProFormDigit, ProFormSelect, ProFormText } from '@ant-design/pro-components';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Org, OrgCreate, OrgDetail, OrgLevel, OrgUpdate } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { createOrg, updateOrg } from './orgs.api';
import { childLevels } from './orgTree';

const USCC_CHARS = /^[0-9A-HJ-NPQRTUWXY]*$/;

interface OrgFormValues {
  name: string;
  level: OrgLevel;
  regionCode: string;
  contactPerson?: string;
  contactPhone?: string;
  employerName?: string;
  uscc?: string;
  memberCount?: number | null;
}

type Props =
  | { mode: 'create'; parent: OrgDetail; org?: undefined; onClose: () => void; onSaved: (org: Org) => void }
  | { mode: 'edit'; org: OrgDetail; parent?: undefined; onClose: () => void; onSaved: (org: Org) => void };

const OPTIONAL_FIELDS = ['contactPerson', 'contactPhone', 'employerName', 'uscc'] as const;

function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function toCreate(values: OrgFormValues, parentId: string): OrgCreate {
  const grassroots = values.level === 'grassroots';
  return {
    name: values.name.trim(),
    level: values.level,
    parentId,
    regionCode: values.regionCode.trim(),
    contactPerson: clean(values.contactPerson),
    contactPhone: clean(values.contactPhone),
    employerName: grassroots ? clean(values.employerName) : undefined,
    uscc: grassroots ? clean(values.uscc)?.toUpperCase() : undefined,
    memberCount: grassroots && typeof values.memberCount === 'number' ? values.memberCount : undefined,
  };
}

/** Only what changed; a cleared optional field is sent as null. */
function toUpdate(values: OrgFormValues, org: OrgDetail): OrgUpdate {
  const patch: OrgUpdate = {};
  if (values.name.trim() !== org.name) patch.name = values.name.trim();
  if (values.regionCode.trim() !== org.regionCode) patch.regionCode = values.regionCode.trim();
  for (const field of OPTIONAL_FIELDS) {
    if (org.level !== 'grassroots' && (field === 'employerName' || field === 'uscc')) continue;
    let next: string | null = clean(values[field]) ?? null;
    if (field === 'uscc' && next) next = next.toUpperCase();
    if (next !== (org[field] ?? null)) patch[field] = next;
  }
  if (org.level === 'grassroots') {
    const next = typeof values.memberCount === 'number' ? values.memberCount : null;
    if (next !== (org.memberCount ?? null)) patch.memberCount = next;
  }
  return patch;
}

/** 新建下级单位 / 编辑: one form for both. Mount it only while open so it starts fresh each time. */
export function OrgFormModal(props: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isCreate = props.mode === 'create';
  const levels: OrgLevel[] = isCreate ? childLevels(props.parent.level) : [props.org.level];

  const initialValues: Partial<OrgFormValues> = isCreate
    ? { level: levels[0], regionCode: props.parent.regionCode }
    : {
        name: props.org.name,
        level: props.org.level,
        regionCode: props.org.regionCode,
        contactPerson: props.org.contactPerson ?? undefined,
        contactPhone: props.org.contactPhone ?? undefined,
        employerName: props.org.employerName ?? undefined,
        uscc: props.org.uscc ?? undefined,
        memberCount: props.org.memberCount,
      };

  const onFinish = async (values: OrgFormValues) => {
    if (props.mode === 'create') {
      const org = await createOrg(toCreate(values, props.parent.id));
      message.success(t('orgs.created', { name: org.name }));
      props.onSaved(org);
    } else {
      const patch = toUpdate(values, props.org);
      const org = Object.keys(patch).length > 0 ? await updateOrg(props.org.id, patch) : props.org;
      message.success(t('orgs.updated'));
      props.onSaved(org);
    }
  };

  return (
    <FormModal<OrgFormValues>
      title={isCreate ? t('orgs.createTitle', { parent: props.parent.name }) : t('orgs.editTitle')}
      width={640}
      testId="org-form-submit"
      layout="horizontal"
      labelCol={{ span: 7 }}
      wrapperCol={{ span: 16 }}
      initialValues={initialValues}
      onClose={props.onClose}
      onFinish={onFinish}
    >
      <ProFormText
        name="name"
        label={t('orgs.field.name')}
        placeholder={t('orgs.placeholder.name')}
        fieldProps={{ maxLength: 100 }}
        rules={[{ required: true, whitespace: true, message: t('orgs.rule.nameRequired') }]}
      />
      <ProFormSelect
        name="level"
        label={t('orgs.field.level')}
        disabled={!isCreate}
        allowClear={false}
        options={levels.map((level) => ({ value: level, label: t(`level.${level}`) }))}
        rules={[{ required: true, message: t('orgs.rule.levelRequired') }]}
      />
      <ProFormText
        name="regionCode"
        label={t('orgs.field.regionCode')}
        placeholder={t('orgs.placeholder.regionCode')}
        fieldProps={{ maxLength: 6, inputMode: 'numeric' }}
        rules={[
          { required: true, message: t('orgs.rule.regionRequired') },
          { pattern: /^\d{6}$/, message: t('orgs.rule.regionFormat') },
        ]}
      />
      <ProFormText
        name="contactPerson"
        label={t('orgs.field.contactPerson')}
        fieldProps={{ maxLength: 50 }}
      />
      <ProFormText
        name="contactPhone"
        label={t('orgs.field.contactPhone')}
        fieldProps={{ maxLength: 30 }}
        rules={[{ pattern: /^[0-9+\-() ]{5,30}$/, message: t('orgs.rule.phoneFormat') }]}
      />
      <ProFormDependency name={['level']}>
        {({ level }: { level?: OrgLevel }) =>
          level === 'grassroots' ? (
            <>
              <ProFormText
                name="employerName"
                label={t('orgs.field.employerName')}
                fieldProps={{ maxLength: 200 }}
                rules={[{ required: true, whitespace: true, message: t('orgs.rule.employerRequired') }]}
              />
              <ProFormText
                name="uscc"
                label={t('orgs.field.uscc')}
                placeholder={t('orgs.placeholder.uscc')}
                fieldProps={{ maxLength: 18, style: { textTransform: 'uppercase' } }}
                normalize={(value?: string) => value?.toUpperCase().replace(/\s/g, '')}
                rules={[
                  { required: true, message: t('orgs.rule.usccRequired') },
                  { len: 18, message: t('orgs.rule.usccLength') },
                  { pattern: USCC_CHARS, message: t('orgs.rule.usccChars') },
                ]}
              />
              <ProFormDigit
                name="memberCount"
                label={t('orgs.field.memberCount')}
                min={0}
                fieldProps={{ precision: 0 }}
                rules={[{ type: 'integer', min: 0, message: t('orgs.rule.memberCount') }]}
              />
            </>
          ) : null
        }
      </ProFormDependency>
    </FormModal>
  );
}
