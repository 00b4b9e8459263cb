import { asc, count, eq, sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cloneTestDatabase, testDatabaseUrl } from '../testing/template';
import type { Database, Executor } from './client';
import { copyRows } from './copy';

const parents = pgTable('copy_parents', { id: integer('id').primaryKey() });
const items = pgTable('copy_items', {
  id: integer('id').primaryKey(),
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  parentId: integer('parent_id').references(() => parents.id),
  label: text('label'),
  name: varchar('name', { length: 50 }),
  tags: text('tags').array(),
  data: jsonb('data'),
  at: timestamp('at', { withTimezone: true, mode: 'date' }),
  day: date('day', { mode: 'string' }),
  amount: bigint('amount', { mode: 'number' }),
  count: integer('count'),
  flag: boolean('flag'),
  note: text('note').default('default note'),
});
type Item = typeof items.$inferInsert;

const onPostgres = Boolean(testDatabaseUrl());
let database: Database;

beforeAll(async () => {
  database = await cloneTestDatabase(inject('templateName'));
  await database.db.execute(sql`create table copy_parents (id integer primary key)`);
  await database.db.execute(
    sql`create table copy_items (
      id integer primary key, seq bigserial not null, parent_id integer references copy_parents (id),
      label text, name varchar(50), tags text[], data jsonb, at timestamptz, day date, amount bigint,
      count integer, flag boolean, note text default 'default note')`,
  );
  await database.db.insert(parents).values([{ id: 1 }, { id: 2 }]);
});

afterAll(async () => {
  await database?.close();
});

const awkward = 'tab\there, new\nline, crlf\r\n, back\\slash, \\N, "double" \'single\' {brace} 中文 😀 \\.';
const awkwardItems: Item[] = [
  {
    id: 1,
    parentId: 1,
    label: awkward,
    name: '王\t建\n军\\😀',
    tags: [
      'a,b',
      'say "hi"',
      '{x,y}',
      'back\\slash',
      null as unknown as string,
      '',
      'NULL',
      ' spaced ',
      '中😀',
      't\tn\nr\r',
    ],
    data: {
      nested: { list: [1, 'x"y', 'back\\slash', 'line\nbreak', null, { deep: '\\N' }], empty: {} },
      tab: '\t',
      emoji: '😀',
      yes: true,
    },
    at: new Date('2024-02-29T23:59:59.123Z'),
    day: '2024-02-29',
    amount: 1_000_000_000_000,
    count: 2_147_483_647,
    flag: true,
    note: null,
  },
  // Text that looks like COPY's NULL, the empty string, an empty array, a JSON string: all kept.
  {
    id: 2,
    label: '\\N',
    name: '',
    tags: [],
    data: 'a "json" string\n',
    amount: 0,
    count: -1,
    flag: false,
    note: null,
  },
  // NULLs everywhere, undefined as NULL too.
  {
    id: 3,
    label: null,
    name: undefined,
    tags: null,
    data: null,
    at: null,
    day: null,
    amount: null,
    flag: null,
    note: null,
  },
  { id: 4, label: '', day: '1900-01-01', amount: 999_999_999_999, note: 'set' },
];

function readItems(db: Executor = database.db) {
  return db.select().from(items).orderBy(asc(items.id));
}

/** The rows as a user would read them back (the identity `seq` aside). */
function expected(rows: Item[]) {
  return rows.map((row) => ({
    id: row.id,
    parentId: row.parentId ?? null,
    label: row.label ?? null,
    name: row.name ?? null,
    tags: row.tags ?? null,
    data: row.data ?? null,
    at: row.at ?? null,
    day: row.day ?? null,
    amount: row.amount ?? null,
    count: row.count ?? null,
    flag: row.flag ?? null,
    note: row.note ?? null,
  }));
}

async function clear() {
  await database.db.delete(items);
}

describe('copyRows', () => {
  it('writes every awkward value so that it reads back equal (COPY on PostgreSQL, nothing on PGlite)', async () => {
    await clear();
    const copied = await copyRows(database.db, items, awkwardItems);
    expect(copied).toBe(onPostgres);
    // PGlite: the caller's fallback, here the query builder, so both sides check the same reading.
    if (!copied) await database.db.insert(items).values(awkwardItems);
    const rows = await readItems();
    expect(rows.map(({ seq: _, ...row }) => row)).toEqual(expected(awkwardItems));
  });

  it.runIf(onPostgres)(
    'leaves columns no row sets to their defaults; a column another row sets is NULL',
    async () => {
      await clear();
      expect(await copyRows(database.db, items, [{ id: 10, label: 'x' }])).toBe(true);
      expect(await copyRows(database.db, items, [{ id: 11 }, { id: 12, note: 'set' }])).toBe(true);
      const rows = await readItems();
      expect(rows.map((r) => [r.id, r.label, r.note])).toEqual([
        [10, 'x', 'default note'],
        [11, null, null],
        [12, null, 'set'],
      ]);
      expect(rows[0]!.seq).toBeGreaterThan(0);
    },
  );

  it('writes 2,000 rows in one call, numbered in the order given', async () => {
    await clear();
    // Ids out of order, so the identity column shows the order the rows went in.
    const rows: Item[] = Array.from({ length: 2000 }, (_, i) => ({
      id: (i * 7919) % 2000,
      parentId: (i % 2) + 1,
      label: `第${i}行\t${'x'.repeat(i % 50)}`,
      tags: [`t${i}`, 'a,b'],
      data: { i, s: `"${i}"` },
      at: new Date(Date.UTC(2024, 0, 1) + i * 1000),
      amount: i * 1_000_000_000,
    }));
    const copied = await copyRows(database.db, items, rows);
    if (!copied) return;
    const back = await database.db.select().from(items).orderBy(asc(items.seq));
    expect(back.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    const byId = new Map(back.map(({ seq: _, ...r }) => [r.id, r]));
    // No row sets `note`: its default.
    expect(rows.map((r) => byId.get(r.id))).toEqual(
      expected(rows).map((r) => ({ ...r, note: 'default note' })),
    );
  });

  it.runIf(onPostgres)(
    'rejects with PostgreSQL’s error and writes nothing; the pool gets its connection back',
    async () => {
      await clear();
      const pool = (database.db as unknown as { $client: pg.Pool }).$client;
      const duplicate = copyRows(database.db, items, [
        { id: 20, label: 'first' },
        { id: 20, label: 'again' },
      ]);
      await expect(duplicate).rejects.toBeInstanceOf(pg.DatabaseError);
      await expect(duplicate).rejects.toMatchObject({ code: '23505', table: 'copy_items' });
      await expect(copyRows(database.db, items, [{ id: 21, parentId: 99 }])).rejects.toMatchObject({
        code: '23503',
      });
      await expect(copyRows(database.db, items, [{ id: 22, day: 'not a date' }])).rejects.toMatchObject({
        code: '22007',
      });
      expect(await readItems()).toEqual([]);
      expect(pool.idleCount).toBe(pool.totalCount);
      // The connections that saw the errors work: a COPY and a query after them.
      expect(await copyRows(database.db, items, [{ id: 23 }])).toBe(true);
      expect((await readItems()).map((r) => r.id)).toEqual([23]);
    },
  );

  it.runIf(onPostgres)('inside a transaction: a failed COPY rolls it back, nothing written', async () => {
    await clear();
    const failing = database.db.transaction(async (tx) => {
      expect(await copyRows(tx, items, [{ id: 30 }, { id: 31 }])).toBe(true);
      await copyRows(tx, items, [{ id: 32 }, { id: 30 }]);
    });
    await expect(failing).rejects.toMatchObject({ code: '23505' });
    expect(await readItems()).toEqual([]);
  });

  it.runIf(onPostgres)(
    'inside a transaction: runs on its connection, unseen by others until commit',
    async () => {
      await clear();
      await database.db.transaction(async (tx) => {
        expect(await copyRows(tx, items, awkwardItems)).toBe(true);
        expect(await readItems(tx)).toHaveLength(awkwardItems.length);
        // The pool's other connections do not see the uncommitted rows.
        const [other] = await database.db.select({ n: count() }).from(items);
        expect(other!.n).toBe(0);
      });
      const rows = await readItems();
      expect(rows.map(({ seq: _, ...row }) => row)).toEqual(expected(awkwardItems));
      const [first] = await database.db.select().from(items).where(eq(items.id, 1));
      expect(first!.label).toBe(awkward);
    },
  );
});
