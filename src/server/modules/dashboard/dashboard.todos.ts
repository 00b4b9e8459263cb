import type { Principal } from '../../common/context';
import { type Action, can } from '../../common/permissions';
import { listApplications } from '../applications/applications.usecases';
import { listBatches } from '../disbursements/disbursements.usecases';
import { countSampleFindingsPending, listDueReviews } from '../households/households.annual-review';
import type { StatsQuery } from '../households/households.schemas';
import {
  countAwaitingMyReview,
  countHouseholds,
  type HouseholdDeps,
} from '../households/households.usecases';
import { countObjectionsAwaitingVerification } from '../publicity/publicity.usecases';
import type { TodoKey, Todos } from './dashboard.schemas';

/**
 * 待办事项: for each work list of the other modules, how much of it waits for the caller. A queue is
 * offered only to the roles that act on it (the permission its action routes require), and each count
 * is that list's own use case with the list's own filter — so the figure on the home page is the
 * number of rows the user finds behind the link. The lists apply the data scope (and, for reviews,
 * the caller's own level); none is re-implemented here.
 */

interface Count {
  count: number;
  capped: boolean;
  /** Of a review queue's rows, those another reviewer must decide (the caller entered them…). */
  othersDecide?: number | null;
}

interface Queue {
  key: TodoKey;
  /** What the user does with an item of the list: who may do it sees the queue. */
  permission: Action;
  count: () => Promise<Count>;
}

/** Lists counted through their paged use case: a page of one row, of which only the total is used. */
const TOTAL_ONLY = { page: 1, pageSize: 1 } as const;

const exact = (total: number): Count => ({ count: total, capped: false });

/** A count shared by two queues of one request, read once. */
function once<T>(read: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= read();
    return value;
  };
}

function queues(deps: HouseholdDeps, principal: Principal): Queue[] {
  const { db } = deps;
  const households = (query: StatsQuery) => () => countHouseholds(deps, principal, query);
  // The annual-review work list: due within a month (its default window), overdue ones included.
  const due = once(() => listDueReviews(db, principal, TOTAL_ONLY).then((r) => r.total));
  const overdue = once(() =>
    listDueReviews(db, principal, { ...TOTAL_ONLY, overdue: true }).then((r) => r.total),
  );
  const applications = (query: { status: 'pending' | 'returned'; awaitingMe?: boolean }) => () =>
    listApplications(db, principal, { ...TOTAL_ONLY, ...query }).then((r) => exact(r.total));
  const batches = (status: 'draft' | 'issued') => () =>
    listBatches(db, principal, { ...TOTAL_ONLY, status }).then((r) => exact(r.total));

  return [
    // 待我审核: the household list's "awaiting my review" tab — submitted households of the caller's
    // own union (grass-roots step) and those of the unions directly below it (township step)…
    {
      key: 'households.awaitingReview',
      permission: 'household.review',
      count: () => countAwaitingMyReview(deps, principal, { exitProposed: false }),
    },
    // …and, in the same tab, proposed exits, decided by the unit directly above the employer.
    {
      key: 'households.exitAwaitingConfirmation',
      permission: 'household.review',
      count: () => countAwaitingMyReview(deps, principal, { exitProposed: true }),
    },
    { key: 'households.returned', permission: 'household.write', count: households({ status: 'returned' }) },
    { key: 'households.drafts', permission: 'household.write', count: households({ status: 'draft' }) },
    {
      key: 'households.annualReviewOverdue',
      permission: 'household.write',
      count: () => overdue().then(exact),
    },
    {
      key: 'households.annualReviewDueSoon',
      permission: 'household.write',
      // The work list's own default, overdue ones included (the label says so): the count is the
      // rows behind the link; 逾期未年审 singles the late ones out.
      count: () => due().then(exact),
    },
    // 待记录抽查结果: households of the current spot-check samples of the subtree without a finding,
    // recorded by reviewers of the upper levels (none at a grass-roots union, which never checks).
    {
      key: 'households.sampleFindingsPending',
      permission: 'household.review',
      count: () => countSampleFindingsPending(db, principal).then(exact),
    },
    // 待审核申请: the review queue page — pending applications whose current step is the caller's unit.
    {
      key: 'applications.awaitingReview',
      permission: 'application.review',
      count: applications({ status: 'pending', awaitingMe: true }),
    },
    {
      key: 'applications.returned',
      permission: 'application.write',
      count: applications({ status: 'returned' }),
    },
    // 待核实的公示异议: open objections on notices of the caller's unit and the units below (those it
    // manages), except those the caller recorded — who records an objection never resolves it.
    {
      key: 'publicity.objectionsPending',
      permission: 'publicity.resolve',
      count: () => countObjectionsAwaitingVerification(db, principal).then(exact),
    },
    // 待复核发放: drafts are issued by a second finance user (issuing is the review of the batch).
    { key: 'disbursements.awaitingIssue', permission: 'disbursement.write', count: batches('draft') },
    // 待确认发放: issued batches, closed once every line is confirmed paid or failed.
    {
      key: 'disbursements.awaitingConfirmation',
      permission: 'disbursement.confirm',
      count: batches('issued'),
    },
  ];
}

/** The caller's to-do counts, every queue it may act on, read in parallel. */
export async function dashboardTodos(deps: HouseholdDeps, principal: Principal): Promise<Todos> {
  const mine = queues(deps, principal).filter((q) => can(principal.roles, q.permission));
  const counts = await Promise.all(mine.map((q) => q.count()));
  return { items: mine.map((q, i) => ({ key: q.key, ...counts[i]! })) };
}
