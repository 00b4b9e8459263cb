import { ORG_LEVELS, type OrgLevel, type OrgNode } from '../../api/types';

export function levelRank(level: OrgLevel): number {
  return ORG_LEVELS.indexOf(level);
}

/** Levels a child of a unit at `parent` may have: every level below it. */
export function childLevels(parent: OrgLevel): OrgLevel[] {
  return ORG_LEVELS.filter((level) => levelRank(level) > levelRank(parent));
}

export function walk(
  nodes: readonly OrgNode[],
  visit: (node: OrgNode, parent: OrgNode | null) => void,
): void {
  const go = (list: readonly OrgNode[], parent: OrgNode | null) => {
    for (const node of list) {
      visit(node, parent);
      go(node.children ?? [], node);
    }
  };
  go(nodes, null);
}

export function findNode(nodes: readonly OrgNode[], id: string): OrgNode | null {
  let found: OrgNode | null = null;
  walk(nodes, (node) => {
    if (!found && node.id === id) found = node;
  });
  return found;
}

/** Ids of every ancestor of `id` (root first), for expanding the tree down to it. */
export function ancestorIds(nodes: readonly OrgNode[], id: string): string[] {
  const parents = new Map<string, string | null>();
  walk(nodes, (node, parent) => parents.set(node.id, parent?.id ?? null));
  const result: string[] = [];
  let current = parents.get(id) ?? null;
  while (current) {
    result.unshift(current);
    current = parents.get(current) ?? null;
  }
  return result;
}

/**
 * The tree cut down to units whose name contains `q` and their ancestors, plus the ids to expand
 * so every match is visible. `keepId` (the selected unit) stays visible even when it does not match.
 */
export function filterTree(
  nodes: readonly OrgNode[],
  q: string,
  keepId?: string | null,
): { nodes: OrgNode[]; expand: string[] } {
  const needle = q.trim().toLowerCase();
  if (!needle) return { nodes: [...nodes], expand: [] };
  const expand: string[] = [];
  const prune = (list: readonly OrgNode[]): OrgNode[] => {
    const kept: OrgNode[] = [];
    for (const node of list) {
      const children = prune(node.children ?? []);
      if (children.length > 0) expand.push(node.id);
      if (children.length > 0 || node.id === keepId || node.name.toLowerCase().includes(needle)) {
        kept.push({ ...node, children });
      }
    }
    return kept;
  };
  return { nodes: prune(nodes), expand };
}

export function countNodes(nodes: readonly OrgNode[]): number {
  let n = 0;
  walk(nodes, () => {
    n += 1;
  });
  return n;
}
