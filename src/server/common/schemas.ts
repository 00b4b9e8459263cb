/** zod building blocks for request fields that every module reads the same way. */
import { z } from 'zod';
import { bilingual } from './bilingual';
import {
  FIRST_YEAR,
  ISO_DATE_PROBLEM,
  ISO_MONTH_PROBLEM,
  isValidIsoDate,
  isValidIsoMonth,
  LAST_YEAR,
} from './dates';

/** A calendar day `YYYY-MM-DD` within the years the product knows (see `FIRST_YEAR`). */
export const isoDate = z
  .string()
  .refine(
    isValidIsoDate,
    bilingual(
      ISO_DATE_PROBLEM,
      `A valid date from ${FIRST_YEAR}-01-01 to ${LAST_YEAR}-12-31, written YYYY-MM-DD`,
    ),
  );

/** A month `YYYY-MM` within the same years. */
export const isoMonth = z
  .string()
  .refine(
    isValidIsoMonth,
    bilingual(ISO_MONTH_PROBLEM, `A month from ${FIRST_YEAR}-01 to ${LAST_YEAR}-12, written YYYY-MM`),
  );

/**
 * Text from a request. PostgreSQL refuses U+0000 in text (the query fails): it is refused here, with the
 * field named, like any other bad input.
 */
export const text = z
  .string()
  .refine(
    (v) => !v.includes('\u0000'),
    bilingual('不能包含空字符（U+0000）', 'May not contain the null character (U+0000)'),
  );

/**
 * An id from a request, in lower case as PostgreSQL writes uuids: code compares and orders ids as
 * strings (a pair stored smaller id first, "is it the same household?"), where `ABC…` ≠ `abc…`.
 */
export const uuid = z.uuid().toLowerCase();
