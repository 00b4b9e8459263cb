import { ModalForm, ProForm } from '@ant-design/pro-components';
import { Alert, App, Form } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Org, OrgDetail, OrgNode } from '../../api/types';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { showServerErrors } from '../../lib/formErrors';
import { buttonTestId } from '../../lib/testId';
import { moveOrg } from './orgs.api';
import { levelRank } from './orgTree';

interface Props {
  org: OrgDetail;
  onClose: () => void;
  onMoved: (org: Org) => void;
}

export function OrgMoveModal({ org, onClose, onMoved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ parentId: string }>();

  // A new parent must be an active unit of a higher level, outside the unit's own subtree.
  const isDisabled = useCallback(
    (node: OrgNode) =>
      !node.active ||
      node.id === org.parentId ||
      node.path.startsWith(org.path) ||
      levelRank(node.level) >= levelRank(org.level),
    [org],
  );

  return (
    <ModalForm<{ parentId: string }>
      open
      form={form}
      title={t('orgs.moveTitle', { name: org.name })}
      width={520}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      modalProps={{ maskClosable: false }}
      submitter={{
        searchConfig: { submitText: t('common.ok'), resetText: t('common.cancel') },
        submitButtonProps: buttonTestId('org-move-submit'),
      }}
      onFinish={async ({ parentId }) => {
        try {
          const moved = await moveOrg(org.id, parentId);
          message.success(t('orgs.moved'));
          onMoved(moved);
          return true;
        } catch (error) {
          showServerErrors(form, error, message);
          return false;
        }
      }}
    >
      <Alert type="info" showIcon message={t('orgs.moveHint')} style={{ marginBottom: 16 }} />
      <ProForm.Item
        name="parentId"
        label={t('orgs.newParent')}
        rules={[{ required: true, message: t('orgs.newParentRequired') }]}
      >
        <OrgTreeSelect data-testid="org-move-parent" isDisabled={isDisabled} allowClear={false} />
      </ProForm.Item>
    </ModalForm>
  );
}
