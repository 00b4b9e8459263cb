// The one list of Drizzle tables, used by drizzle-kit to generate migrations and by the typed client.
// Each table lives in its own module; this file only gathers them.

export * from '../common/idempotency.table';
export * from '../common/settings.table';
export * from '../modules/applications/applications.release.table';
export * from '../modules/applications/applications.table';
export * from '../modules/audit/audit.table';
export * from '../modules/auth/auth.table';
export * from '../modules/disbursements/disbursements.table';
export * from '../modules/files/files.table';
export * from '../modules/funds/funds.table';
export * from '../modules/households/households.reviews.table';
export * from '../modules/households/households.table';
export * from '../modules/jobs/jobs.table';
export * from '../modules/orgs/orgs.table';
export * from '../modules/policies/policies.table';
export * from '../modules/programs/programs.table';
export * from '../modules/publicity/publicity.table';
export * from '../modules/users/users.table';
