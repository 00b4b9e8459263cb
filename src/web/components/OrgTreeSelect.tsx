import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import type { OrgNode } from '../api/types';
import { useOrgTree } from '../pages/orgs/orgs.api';

export interface OrgOption {
  value: string;
  title: string;
  disabled?: boolean;
  children: OrgOption[];
}

export function toOrgOptions(nodes: readonly OrgNode[], disabled?: (node: OrgNode) => boolean): OrgOption[] {
  return nodes.map((node) => ({
    value: node.id,
    title: node.name,
    disabled: disabled?.(node) ?? false,
    children: toOrgOptions(node.children ?? [], disabled),
  }));
}

type Props = Omit<TreeSelectProps<string>, 'treeData'> & {
  includeInactive?: boolean;
  /** Units that cannot be chosen (shown greyed). */
  isDisabled?: (node: OrgNode) => boolean;
};

/** A TreeSelect over the caller's org subtree, searchable by name. */
export function OrgTreeSelect({ includeInactive = false, isDisabled, ...props }: Props) {
  const { data, isLoading } = useOrgTree(includeInactive);
  const treeData = useMemo(() => toOrgOptions(data ?? [], isDisabled), [data, isDisabled]);
  return (
    <TreeSelect<string>
      showSearch
      allowClear
      treeDefaultExpandAll
      treeNodeFilterProp="title"
      loading={isLoading}
      treeData={treeData}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
      {...props}
    />
  );
}
