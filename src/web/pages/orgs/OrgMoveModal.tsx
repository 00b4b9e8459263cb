import { ProForm } from '@ant-design/pro-components';
import { Alert, App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Org, OrgDetail, OrgNode } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
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
    <FormModal<{ parentId: string }>
      title={t('orgs.moveTitle', { name: org.name })}
      testId="org-move-submit"
      onClose={onClose}
      onFinish={async ({ parentId }) => {
        const moved = await moveOrg(org.id, parentId);
        message.success(t('orgs.moved'));
        onMoved(moved);
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
    </FormModal>
  );
}
