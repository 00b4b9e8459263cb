import { describe, expect, it } from 'vitest';
import { isNulInText, isUniqueViolation, loggableError, sqlState } from './sql';

/** A failed query as Drizzle throws it: the SQL text and the values, the driver's error as the cause. */
function failedQuery(cause: Record<string, unknown>) {
  const driver = Object.assign(new Error(String(cause.message)), cause);
  return Object.assign(new Error('Failed query: select …\nparams: 13812341234,张秘密', { cause: driver }), {
    query: 'select * from households where phone_blind = $1 and name = $2',
    params: ['13812341234', '张秘密'],
  });
}

describe('database errors', () => {
  it('are known by their SQLSTATE, wrapped or not', () => {
    const unique = failedQuery({ code: '23505', message: 'duplicate key value' });
    expect(sqlState(unique)).toBe('23505');
    expect(isUniqueViolation(unique)).toBe(true);
    expect(isNulInText(failedQuery({ code: '22021', message: 'invalid byte sequence' }))).toBe(true);
    expect(sqlState(Object.assign(new Error('x'), { code: 'FST_ERR_VALIDATION' }))).toBeUndefined();
  });

  it('are logged without the values of the query', () => {
    const logged = loggableError(
      failedQuery({
        code: '23505',
        severity: 'ERROR',
        table: 'household_id_claims',
        constraint: 'household_id_claims_pkey',
        message: 'duplicate key value violates unique constraint "household_id_claims_pkey"',
        detail: 'Key (id_blind)=(13812341234) already exists.',
        params: ['13812341234'],
      }),
    ) as Error & Record<string, unknown>;
    expect(logged).toMatchObject({
      name: 'DatabaseError',
      message: 'duplicate key value violates unique constraint "household_id_claims_pkey"',
      code: '23505',
      table: 'household_id_claims',
      constraint: 'household_id_claims_pkey',
      query: 'select * from households where phone_blind = $1 and name = $2',
    });
    expect(JSON.stringify({ ...logged, stack: logged.stack })).not.toMatch(/13812341234|张秘密/);
    expect(logged).not.toHaveProperty('detail');
    expect(logged).not.toHaveProperty('cause');

    const message = (text: string) =>
      (loggableError(failedQuery({ code: '22P02', message: text })) as Error).message;
    expect(message('value "13812341234" is out of range for type integer')).toBe(
      'value "…" is out of range for type integer',
    );
    expect(message('invalid input syntax for type uuid: "张秘密"')).toBe(
      'invalid input syntax for type uuid: "…"',
    );
    expect(message('invalid byte sequence for encoding "UTF8": 0x00')).toBe(
      'invalid byte sequence for encoding "UTF8": 0x00',
    );
    expect(message('null value in column "name" of relation "households" violates not-null constraint')).toBe(
      'null value in column "name" of relation "households" violates not-null constraint',
    );
  });

  it('leave other errors as they are', () => {
    const bug = new TypeError('x is undefined');
    expect(loggableError(bug)).toBe(bug);
  });
});
