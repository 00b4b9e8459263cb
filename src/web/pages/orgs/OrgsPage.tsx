import { PageContainer } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { App, Col, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import type { Org, OrgDetail } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { type OrgAction, OrgDetailCard } from './OrgDetailCard';
import { OrgFormModal } from './OrgFormModal';
import { OrgMoveModal } from './OrgMoveModal';
import { OrgTreePanel } from './OrgTreePanel';
import { orgKeys, setOrgActive, useOrgTree } from './orgs.api';
import { findNode } from './orgTree';

type Dialog = { kind: 'create' | 'edit' | 'move'; org: OrgDetail } | null;

export default function OrgsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('id');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [toggling, setToggling] = useState(false);
  const tree = useOrgTree(true);

  const select = (id: string) => setParams({ id }, { replace: true });
  const node = selectedId && tree.data ? findNode(tree.data, selectedId) : null;
  const isRoot = Boolean(selectedId && tree.data?.some((root) => root.id === selectedId));

  const refresh = async (selectId?: string) => {
    await queryClient.invalidateQueries({ queryKey: orgKeys.all });
    await queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    if (selectId) select(selectId);
  };

  const onAction = async (action: OrgAction, org: OrgDetail) => {
    if (action !== 'toggle') {
      setDialog({ kind: action, org });
      return;
    }
    setToggling(true);
    try {
      await setOrgActive(org.id, !org.active);
      message.success(org.active ? t('orgs.deactivated') : t('orgs.activated'));
      await refresh();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setToggling(false);
    }
  };

  const onSaved = (org: Org) => {
    setDialog(null);
    void refresh(org.id);
  };

  return (
    <PageContainer title={t('orgs.title')} breadcrumbRender={false}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xl={8}>
          <OrgTreePanel
            nodes={tree.data}
            loading={tree.isPending}
            error={tree.error}
            onRetry={() => void tree.refetch()}
            selectedId={selectedId}
            onSelect={select}
          />
        </Col>
        <Col xs={24} lg={15} xl={16}>
          <OrgDetailCard
            id={selectedId}
            node={node}
            isRoot={isRoot}
            canWrite={can('org.write')}
            toggling={toggling}
            onAction={(action, org) => void onAction(action, org)}
            onSelect={select}
          />
        </Col>
      </Row>
      {dialog?.kind === 'create' && (
        <OrgFormModal mode="create" parent={dialog.org} onClose={() => setDialog(null)} onSaved={onSaved} />
      )}
      {dialog?.kind === 'edit' && (
        <OrgFormModal mode="edit" org={dialog.org} onClose={() => setDialog(null)} onSaved={onSaved} />
      )}
      {dialog?.kind === 'move' && (
        <OrgMoveModal org={dialog.org} onClose={() => setDialog(null)} onMoved={onSaved} />
      )}
    </PageContainer>
  );
}
