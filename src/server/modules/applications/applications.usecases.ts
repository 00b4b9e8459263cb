import { type Actor, actedBy, type Principal } from '../../common/context';
import { businessDate } from '../../common/dates';
import { AppError } from '../../common/errors';
import { inScope } from '../../common/scope';
import { isUniqueViolation } from '../../common/sql';
import type { Db, Executor } from '../../db/client';
import { recordAudit } from '../audit/audit.usecases';
import { getAttachableFile } from '../files/files.usecases';
import { householdAttachmentGrant } from '../households/households.attachments';
import { getHouseholdForAid } from '../households/households.usecases';
import { getProgramVisible, holdProgramRules } from '../programs/programs.usecases';
import { applicationDocumentGrant } from './applications.documents';
import { assessEligibility, resolveChain } from './applications.eligibility';
import { ApplicationErrors } from './applications.errors';
import * as repo from './applications.repository';
import type { CreateApplicationInput, ListApplicationsQuery, ResubmitInput } from './applications.schemas';
import type { ApplicationStatus, DocumentRef } from './applications.table';

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  pending: '审核中',
  returned: '退回补充',
  rejected: '未通过',
  approved: '已批准',
  withdrawn: '已撤回',
};

export function toApplicationDto(view: repo.ApplicationView) {
  const a = view.application;
  return {
    id: a.id,
    programId: a.programId,
    programName: view.programName,
    programType: view.programType,
    programYear: view.programYear,
    householdId: a.householdId,
    householdName: view.householdName,
    orgId: a.orgId,
    orgName: view.orgName,
    status: a.status,
    round: a.round,
    step: a.step,
    chain: a.chain,
    currentOrgId: a.currentOrgId,
    requestedFen: a.requestedFen,
    proposedFen: a.proposedFen,
    approvedFen: a.approvedFen,
    reason: a.reason,
    documents: a.documents,
    studentMemberId: a.studentMemberId,
    studentName: a.studentName,
    school: a.school,
    schoolLevel: a.schoolLevel,
    eligibility: a.eligibility,
    createdBy: a.createdBy,
    submittedAt: a.submittedAt.toISOString(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
  };
}

export async function loadDetail(db: Executor, id: string) {
  // One after another: `db` is often a transaction, whose one connection runs one query at a time.
  const view = (await repo.findById(db, id))!;
  const fundings = await repo.listFundings(db, id);
  const decisions = await repo.listDecisions(db, id);
  return {
    ...toApplicationDto(view),
    fundings,
    decisions: decisions.map((d) => ({
      id: d.id,
      round: d.round,
      step: d.step,
      level: d.level,
      action: d.action,
      amountFen: d.amountFen,
      comment: d.comment,
      snapshot: d.snapshot,
      actorName: d.actorName,
      at: d.at.toISOString(),
    })),
  };
}

/** An application of a household in the caller's scope, or 404 — never a hint that it exists elsewhere. */
export async function getInScope(db: Executor, principal: Principal, id: string) {
  const view = await repo.findById(db, id);
  if (!view || !inScope(principal, view.orgPath)) throw ApplicationErrors.APPLICATION_NOT_FOUND();
  return view;
}

export async function getApplication(db: Db, principal: Principal, id: string) {
  await getInScope(db, principal, id);
  return loadDetail(db, id);
}

export async function listApplications(db: Db, principal: Principal, query: ListApplicationsQuery) {
  const { items, total } = await repo.list(db, principal, query);
  return { items: items.map(toApplicationDto), total, page: query.page, pageSize: query.pageSize };
}

/** Documents must be files the caller can see (uploaded in its scope). */
/**
 * A document may be a file the caller reads through an application (kept in a resubmission) or through
 * the household's archive (a certificate another unit attached there).
 */
const DOCUMENT_GRANTS = [applicationDocumentGrant, householdAttachmentGrant];

async function checkDocuments(db: Db, principal: Principal, documents: DocumentRef[]) {
  for (const doc of documents) {
    try {
      await getAttachableFile({ db, fileReadGrants: DOCUMENT_GRANTS }, principal, doc.fileId);
    } catch (error) {
      // A file only its requester may read (an export, an import workbook) says so; anything else is
      // a document the caller cannot see.
      if (error instanceof AppError && error.code === 'FILE_NOT_ATTACHABLE') throw error;
      throw ApplicationErrors.APPLICATION_DOCUMENT_NOT_FOUND({ name: doc.name });
    }
  }
}

type Fields = Omit<CreateApplicationInput, 'programId' | 'householdId'>;

async function assess(
  tx: Executor,
  principal: Principal,
  ids: { programId: string; householdId: string; exceptId: string | null },
  fields: Fields,
  stage: 'submission' | 'resubmission' | 'review' = 'submission',
) {
  const program = await getProgramVisible(tx, principal, ids.programId);
  const household = await getHouseholdForAid(tx, principal, ids.householdId);
  const eligibility = await assessEligibility(tx, {
    program: program.program,
    programOrgPath: program.orgPath,
    household,
    amountFen: fields.requestedFen,
    documents: fields.documents,
    studentMemberId: fields.studentMemberId ?? null,
    school: fields.school ?? null,
    schoolLevel: fields.schoolLevel ?? null,
    today: businessDate(),
    exceptId: ids.exceptId,
    stage,
  });
  return { program, household, eligibility };
}

/**
 * A pending (or returned) application's eligibility as its approval would judge it now: the caps
 * after what the household was granted since submission, the archive as it is today. The review
 * queue shows it beside what was judged at submission.
 */
export async function currentEligibility(db: Db, principal: Principal, id: string) {
  const a = (await getInScope(db, principal, id)).application;
  if (a.status !== 'pending' && a.status !== 'returned')
    throw ApplicationErrors.APPLICATION_WRONG_STATE({
      status: APPLICATION_STATUS_LABELS[a.status],
      statusEn: a.status,
      action: '核定资格',
      actionEn: 'assess',
    });
  const fields = {
    requestedFen: a.proposedFen ?? a.requestedFen,
    reason: a.reason,
    documents: a.documents,
    studentMemberId: a.studentMemberId,
    school: a.school,
    schoolLevel: a.schoolLevel as Fields['schoolLevel'],
  };
  const ids = { programId: a.programId, householdId: a.householdId, exceptId: a.id };
  return (await assess(db, principal, ids, fields, 'review')).eligibility;
}

/** The eligibility of an application as the officer types it: nothing is saved. */
export async function checkApplication(db: Db, actor: Actor, input: CreateApplicationInput) {
  return (await assess(db, actor.principal, { ...input, exceptId: null }, input)).eligibility;
}

/** Submits an application (先建档后帮扶): refused, with the reasons, unless every rule is met. */
export async function createApplication(db: Db, actor: Actor, input: CreateApplicationInput) {
  await checkDocuments(db, actor.principal, input.documents);
  try {
    return await db.transaction(async (tx) => {
      // The rules checked here cannot change before this application is committed (see lockShared).
      await holdProgramRules(tx, input.programId);
      const { program, household, eligibility } = await assess(
        tx,
        actor.principal,
        { ...input, exceptId: null },
        input,
      );
      if (!eligibility.eligible)
        throw ApplicationErrors.APPLICATION_NOT_ELIGIBLE(
          { explanation: eligibility.explanation, explanationEn: eligibility.explanationEn },
          { checks: eligibility.checks, limitFen: eligibility.limitFen },
        );
      const chain = await resolveChain(tx, program.program, household.employerPath);
      if (!chain.length)
        throw ApplicationErrors.APPLICATION_NO_REVIEW_UNIT({
          chain: program.program.reviewChain.join(' → '),
        });
      const student = household.members.find((m) => m.id === input.studentMemberId);
      const me = actor.principal.userId;
      const id = await repo.insert(tx, {
        programId: program.program.id,
        householdId: household.id,
        orgId: household.employerOrgId,
        status: 'pending',
        chain,
        currentOrgId: chain[0]!.orgId,
        requestedFen: input.requestedFen,
        reason: input.reason,
        documents: input.documents,
        studentMemberId: student?.id ?? null,
        studentName: student?.name ?? null,
        school: input.school ?? null,
        schoolLevel: input.schoolLevel ?? student?.schoolLevel ?? null,
        eligibility,
        createdBy: me,
        submittedBy: me,
      });
      await repo.insertDecision(tx, {
        applicationId: id,
        round: 1,
        step: null,
        level: null,
        action: 'submitted',
        amountFen: input.requestedFen,
        comment: null,
        snapshot: { eligibility },
        ...actedBy(actor),
      });
      await recordAudit(tx, actor, {
        action: 'application.submitted',
        entity: 'application',
        entityId: id,
        orgId: household.employerOrgId,
        after: { programId: program.program.id, householdId: household.id, requestedFen: input.requestedFen },
      });
      return loadDetail(tx, id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw ApplicationErrors.APPLICATION_DUPLICATE();
    throw error;
  }
}

/** A returned application, corrected and submitted again: a new round from the first step. */
export async function resubmitApplication(db: Db, actor: Actor, id: string, input: ResubmitInput) {
  if (input.documents) await checkDocuments(db, actor.principal, input.documents);
  return db.transaction(async (tx) => {
    await repo.lockById(tx, id);
    const view = await getInScope(tx, actor.principal, id);
    const a = view.application;
    if (a.status !== 'returned')
      throw ApplicationErrors.APPLICATION_WRONG_STATE({
        status: APPLICATION_STATUS_LABELS[a.status],
        statusEn: a.status,
        action: '重新提交',
        actionEn: 'resubmit',
      });
    const fields: Fields = {
      requestedFen: input.requestedFen ?? a.requestedFen,
      reason: input.reason ?? a.reason,
      documents: input.documents ?? a.documents,
      studentMemberId: input.studentMemberId === undefined ? a.studentMemberId : input.studentMemberId,
      school: input.school === undefined ? a.school : input.school,
      schoolLevel: (input.schoolLevel === undefined
        ? a.schoolLevel
        : input.schoolLevel) as Fields['schoolLevel'],
    };
    const { program, household, eligibility } = await assess(
      tx,
      actor.principal,
      { programId: a.programId, householdId: a.householdId, exceptId: a.id },
      fields,
      'resubmission',
    );
    if (!eligibility.eligible)
      throw ApplicationErrors.APPLICATION_NOT_ELIGIBLE(
        { explanation: eligibility.explanation, explanationEn: eligibility.explanationEn },
        { checks: eligibility.checks, limitFen: eligibility.limitFen },
      );
    const chain = await resolveChain(tx, program.program, household.employerPath);
    if (!chain.length)
      throw ApplicationErrors.APPLICATION_NO_REVIEW_UNIT({ chain: program.program.reviewChain.join(' → ') });
    const student = household.members.find((m) => m.id === fields.studentMemberId);
    const round = a.round + 1;
    await repo.update(tx, id, {
      status: 'pending',
      round,
      step: 0,
      chain,
      currentOrgId: chain[0]!.orgId,
      requestedFen: fields.requestedFen,
      proposedFen: null,
      reason: fields.reason,
      documents: fields.documents,
      studentMemberId: student?.id ?? null,
      studentName: student?.name ?? null,
      school: fields.school ?? null,
      schoolLevel: fields.schoolLevel ?? null,
      eligibility,
      submittedBy: actor.principal.userId,
      submittedAt: new Date(),
    });
    await repo.insertDecision(tx, {
      applicationId: id,
      round,
      step: null,
      level: null,
      action: 'resubmitted',
      amountFen: fields.requestedFen,
      comment: null,
      snapshot: { eligibility },
      ...actedBy(actor),
    });
    await recordAudit(tx, actor, {
      action: 'application.resubmitted',
      entity: 'application',
      entityId: id,
      orgId: a.orgId,
      before: { status: a.status, requestedFen: a.requestedFen },
      after: { status: 'pending', requestedFen: fields.requestedFen, round },
    });
    return loadDetail(tx, id);
  });
}
