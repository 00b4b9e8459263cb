import { Card, Empty, Input, Space, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { type Key, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgNode } from '../../api/types';
import { ErrorState } from '../../components/ErrorState';
import { OrgLevelTag } from '../../components/OrgLevelTag';
import { PageLoading } from '../../components/PageLoading';
import { ancestorIds, filterTree } from './orgTree';

interface Props {
  nodes: OrgNode[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

function highlight(name: string, q: string): ReactNode {
  const needle = q.trim();
  if (!needle) return name;
  const at = name.toLowerCase().indexOf(needle.toLowerCase());
  if (at < 0) return name;
  return (
    <>
      {name.slice(0, at)}
      <Typography.Text mark>{name.slice(at, at + needle.length)}</Typography.Text>
      {name.slice(at + needle.length)}
    </>
  );
}

export function OrgTreePanel({ nodes, loading, error, onRetry, selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [expanded, setExpanded] = useState<Key[]>([]);
  const [autoExpandParent, setAutoExpandParent] = useState(true);

  const filtered = useMemo(() => filterTree(nodes ?? [], q, selectedId), [nodes, q, selectedId]);

  // First load: open the roots; later, open the way down to whatever gets selected (e.g. a new unit).
  useEffect(() => {
    if (!nodes) return;
    setExpanded((current) => {
      const wanted = new Set<Key>(current.length > 0 ? current : nodes.map((n) => n.id));
      if (selectedId) for (const id of ancestorIds(nodes, selectedId)) wanted.add(id);
      return [...wanted];
    });
  }, [nodes, selectedId]);

  useEffect(() => {
    if (q.trim()) {
      setExpanded(filtered.expand);
      setAutoExpandParent(true);
    }
  }, [q, filtered.expand]);

  const treeData = useMemo(() => {
    const toData = (list: OrgNode[]): DataNode[] =>
      list.map((node) => ({
        key: node.id,
        isLeaf: (node.children ?? []).length === 0,
        title: (
          <Space size={6} data-testid={`org-node-${node.id}`} data-org-name={node.name}>
            <span style={node.active ? undefined : { color: 'rgba(0,0,0,0.35)' }}>
              {highlight(node.name, q)}
            </span>
            <OrgLevelTag level={node.level} />
            {!node.active && (
              <Tag bordered={false} style={{ marginInlineEnd: 0 }}>
                {t('orgs.inactiveTag')}
              </Tag>
            )}
          </Space>
        ),
        children: toData(node.children ?? []),
      }));
    return toData(filtered.nodes);
  }, [filtered.nodes, q, t]);

  let body: ReactNode;
  if (loading) body = <PageLoading />;
  else if (error) body = <ErrorState error={error} onRetry={onRetry} />;
  else if ((nodes ?? []).length === 0) body = <Empty description={t('orgs.emptyTree')} />;
  else if (treeData.length === 0) body = <Empty description={t('orgs.noMatch', { q: q.trim() })} />;
  else
    body = (
      <div
        data-testid="org-tree"
        style={{ maxHeight: 'calc(100vh - 260px)', minHeight: 240, overflow: 'auto' }}
      >
        <Tree
          blockNode
          showLine={{ showLeafIcon: false }}
          treeData={treeData}
          expandedKeys={expanded}
          autoExpandParent={autoExpandParent}
          onExpand={(keys) => {
            setExpanded(keys);
            setAutoExpandParent(false);
          }}
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(keys) => {
            const id = keys[0];
            if (typeof id === 'string') onSelect(id);
          }}
        />
      </div>
    );

  return (
    <Card title={t('orgs.treeTitle')} styles={{ body: { paddingTop: 12 } }} style={{ height: '100%' }}>
      <Input.Search
        data-testid="org-search"
        allowClear
        placeholder={t('orgs.searchPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        style={{ marginBottom: 12 }}
      />
      {body}
    </Card>
  );
}
