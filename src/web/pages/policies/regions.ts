import type { OrgLevel } from '../../api/types';

/** A region the caller may set policies for (`GET /api/policies/regions`). */
export interface PolicyRegion {
  regionCode: string;
  /** 「江东区」, from the city or county federation carrying the code; null when none does. */
  regionName: string | null;
  /** The highest unit in the caller's subtree carrying the code. */
  orgName: string;
  orgLevel: OrgLevel;
}

/** The region as a table cell or a chosen option shows it: 「330102 江东区」, or the bare code. */
export function regionLabel(code: string, name: string | null | undefined): string {
  return name ? `${code} ${name}` : code;
}

export interface RegionOption {
  value: string;
  label: string;
  /** The unit the name comes from, shown in grey beside it. */
  orgName: string | null;
  /** Typed by the admin: no unit in their scope carries the code (yet). */
  typed: boolean;
  /** What a search matches: code, region name and unit name. */
  searchText: string;
}

const SIX_DIGITS = /^\d{6}$/;

/**
 * The form's choices: the regions of the units in scope, by code; the code of the version a new one
 * starts from, when no unit in scope carries it; and a 6-digit code being typed that none carries (the
 * server still decides whether the admin may set it).
 */
export function regionOptions(
  regions: PolicyRegion[],
  extra: {
    typed?: string;
    current?: { regionCode: string; regionName: string | null; regionOrgName: string | null };
  } = {},
): RegionOption[] {
  const options: RegionOption[] = [...regions]
    .sort((a, b) => a.regionCode.localeCompare(b.regionCode))
    .map((r) => ({
      value: r.regionCode,
      label: regionLabel(r.regionCode, r.regionName ?? r.orgName),
      orgName: r.orgName,
      typed: false,
      searchText: `${r.regionCode} ${r.regionName ?? ''} ${r.orgName}`,
    }));
  const known = new Set(options.map((o) => o.value));
  const { current } = extra;
  if (current && !known.has(current.regionCode)) {
    known.add(current.regionCode);
    options.push({
      value: current.regionCode,
      label: regionLabel(current.regionCode, current.regionName ?? current.regionOrgName),
      orgName: current.regionOrgName,
      typed: false,
      searchText: `${current.regionCode} ${current.regionName ?? ''} ${current.regionOrgName ?? ''}`,
    });
  }
  const typed = extra.typed?.trim();
  if (typed && SIX_DIGITS.test(typed) && !known.has(typed))
    options.push({ value: typed, label: typed, orgName: null, typed: true, searchText: typed });
  return options;
}
