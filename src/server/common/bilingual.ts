/**
 * English variants of the Chinese messages that schemas and validators give. A zod schema keeps one
 * message per check — the Chinese one users read next to a form field — so `bilingual` records the
 * English variant beside it as the schema module loads, and `englishOf` finds it again where a reply
 * carries both (the household import's problem list, a refused request's `details`: `message` and
 * `messageEn`).
 */
import { z } from 'zod';

const english = new Map<string, string>();

/** Records the English variant of a Chinese message; returns the Chinese one, for the schema. */
export function bilingual(zh: string, en: string): string {
  const known = english.get(zh);
  if (known !== undefined && known !== en)
    throw new Error(`two English variants of one message: ${JSON.stringify(zh)}`);
  english.set(zh, en);
  return zh;
}

/** The recorded English variant of a Chinese message, if any. */
export function englishOf(zh: string): string | undefined {
  return english.get(zh);
}

const zodEnglish = z.locales.en();

/**
 * A zod issue in English: the English its check gave with it, the recorded variant of its message, or
 * zod's own English wording of the issue (a built-in check without a message of ours, which the
 * Chinese locale worded).
 */
export function issueInEnglish(issue: z.core.$ZodIssue): string {
  // A check whose message is built from the value (a date, a position) gives its English with the
  // issue: `ctx.addIssue({ code: 'custom', message: zh, params: { en } })`.
  if (issue.code === 'custom' && typeof issue.params?.en === 'string') return issue.params.en;
  const recorded = englishOf(issue.message);
  if (recorded !== undefined) return recorded;
  // A parse's issues no longer hold the input (zod drops it unless asked): zod's English would say
  // "received undefined" of any value. What was expected is known; what was received is not.
  if (issue.code === 'invalid_type' && !('input' in issue))
    return `Invalid input: expected ${issue.expected}`;
  const worded = zodEnglish.localeError(issue as unknown as z.core.$ZodRawIssue);
  const text = typeof worded === 'string' ? worded : worded?.message;
  return text ?? 'Invalid value';
}
