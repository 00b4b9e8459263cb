import { groupCalls, groupedPer } from '../../common/group-calls';
import type { Db } from '../../db/client';
import { type AuditEntryInput, type AuditSource, auditEntriesCtes } from '../audit/audit.usecases';
import * as repo from './applications.repository';

/**
 * Approvals are written in groups (group commit, see docs/decisions/0010). An approval is read and
 * checked on its own (applications.review); what it then writes joins the group this process writes
 * next: one transaction takes the locks of the whole group in the one order of approvals — the
 * households' applications (id order), the programs' balances (program, source order), the audit chain
 * head — checks that each approval still sees the versions its checks read, splits each final approval
 * over its program's sources in source order while the balances are locked, writes everything in one
 * statement and commits once. With many reviewers at the same moment the contended rows are locked once
 * per group instead of once per approval; a lone approval is a group of one and waits for nothing.
 */

/** A checked approval, ready to be written. */
export interface ApprovalItem {
  id: string;
  programId: string;
  householdId: string;
  /** The application's row version the checks saw (a step approval is written only onto it). */
  version: string;
  /** `id:version` of all the household's applications the caps were computed from (final approvals). */
  householdApps: string;
  /** Null for the final approval, which takes the money; else the unit of the next step. */
  nextOrgId: string | null;
  decision: repo.DecisionWrite;
  audit: { actor: AuditSource; entry: AuditEntryInput };
}

export type ApprovalFunding = { sourceId: string; sourceName: string; amountFen: number };

export type ApprovalOutcome =
  | {
      kind: 'written';
      decision: repo.WrittenDecision;
      /** The decision's snapshot as written (a final approval's carries its split over the sources). */
      snapshot: unknown;
      decidedAt: string | null;
      fundings: ApprovalFunding[];
    }
  /** Something the checks read changed meanwhile: read and check again. */
  | { kind: 'stale' }
  /** The program's balances, locked, hold less than the amount. */
  | { kind: 'budget'; remainingFen: number };

/**
 * Writes a checked approval with whatever other approvals this process is writing next: at most 64 in a
 * group (more would hold the locks longer than the group saves), two groups at a time — the second
 * begins and locks its households' applications while the first writes, then queues for the balances,
 * so the round trips of one overlap the other's (the lock order keeps them free of deadlocks).
 */
export const writeApproval = groupedPer((db: Db) =>
  groupCalls((items: ApprovalItem[]) => writeGroup(db, items), { max: 64, parallel: 2 }),
);

async function writeGroup(db: Db, items: ApprovalItem[]): Promise<ApprovalOutcome[]> {
  return db.transaction(async (tx) => {
    const locked = await repo.lockHouseholdApplications(tx, [...new Set(items.map((i) => i.householdId))]);
    const versions = new Map(locked.map((r) => [r.id, r.version]));
    const householdApps = new Map<string, string[]>();
    for (const r of locked) {
      const list = householdApps.get(r.household_id) ?? [];
      list.push(`${r.id}:${r.version}`);
      householdApps.set(r.household_id, list);
    }
    // A household's second approval in the group was checked without the first: it is read again.
    const seen = new Set<string>();
    const current = items.map((item) => {
      if (seen.has(item.householdId)) return false;
      seen.add(item.householdId);
      return item.nextOrgId === null
        ? (householdApps.get(item.householdId)?.join(',') ?? '') === item.householdApps
        : versions.get(item.id) === item.version;
    });

    const programIds = [
      ...new Set(items.filter((item, i) => current[i] && !item.nextOrgId).map((i) => i.programId)),
    ];
    const balances = programIds.length ? await repo.lockProgramBalances(tx, programIds) : [];
    // Undefined: to be written.
    const outcomes: (ApprovalOutcome | undefined)[] = [];
    const rows: repo.ApprovalRow[] = [];
    const takes: repo.ApprovalTake[] = [];
    const fundingsOf = new Map<string, ApprovalFunding[]>();
    for (const [i, item] of items.entries()) {
      if (!current[i]) {
        outcomes.push({ kind: 'stale' });
        continue;
      }
      const final = item.nextOrgId === null;
      if (final) {
        const sources = balances.filter((b) => b.programId === item.programId);
        const remainingFen = sources.reduce((n, b) => n + b.remainingFen, 0);
        const amount = item.decision.amountFen;
        if (remainingFen < amount) {
          outcomes.push({ kind: 'budget', remainingFen });
          continue;
        }
        const fundings: ApprovalFunding[] = [];
        let left = amount;
        for (const b of sources) {
          const take = Math.min(b.remainingFen, left);
          if (take <= 0) continue;
          b.remainingFen -= take;
          left -= take;
          fundings.push({ sourceId: b.sourceId, sourceName: b.sourceName, amountFen: take });
          takes.push({
            applicationId: item.id,
            programId: item.programId,
            sourceId: b.sourceId,
            amountFen: take,
          });
        }
        fundingsOf.set(item.id, fundings);
      }
      const snapshot = final
        ? {
            ...(item.decision.snapshot as object),
            fundings: fundingsOf.get(item.id)!.map((f) => ({ sourceId: f.sourceId, amountFen: f.amountFen })),
          }
        : item.decision.snapshot;
      rows.push({ id: item.id, final, nextOrgId: item.nextOrgId, decision: { ...item.decision, snapshot } });
      outcomes.push(undefined);
    }
    if (!rows.length) return outcomes as ApprovalOutcome[];

    const audit = auditEntriesCtes(items.filter((_, i) => !outcomes[i]).map((item) => item.audit));
    const written = await repo.writeApprovals(tx, rows, takes, audit);
    const snapshotOf = new Map(rows.map((r) => [r.id, r.decision.snapshot]));
    return outcomes.map((outcome, i): ApprovalOutcome => {
      if (outcome) return outcome;
      const id = items[i]!.id;
      const w = written.get(id)!;
      return {
        kind: 'written',
        decision: w.decision,
        snapshot: snapshotOf.get(id),
        decidedAt: w.decidedAt,
        fundings: fundingsOf.get(id) ?? [],
      };
    });
  });
}
