import * as echarts from 'echarts';
import type { EChartsCoreOption } from 'echarts/core';
import { describe, expect, it } from 'vitest';
import {
  categoryBarsOption,
  horizontalBarsOption,
  ringOption,
  unitBarHeight,
  unitBarOption,
} from './chartOptions';

type Point = [number, number];
/** A line of text as drawn: its four corners (rotated labels are not upright boxes). */
interface Drawn {
  text: string;
  corners: Point[];
}

/** Lays the chart out as ECharts does on a page of that size and returns every line of text drawn. */
function drawnTexts(option: EChartsCoreOption, width: number, height: number): Drawn[] {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    const still = option.baseOption
      ? { ...option, baseOption: { ...(option.baseOption as object), animation: false } }
      : { ...option, animation: false };
    chart.setOption(still);
    chart.renderToSVGString();
    // zrender's display list: one `tspan` per line of every label, with its transform.
    type Element = {
      type: string;
      ignore?: boolean;
      invisible?: boolean;
      style: { text?: string };
      getBoundingRect(): { x: number; y: number; width: number; height: number };
      getComputedTransform(): number[] | null;
    };
    const elements = (
      chart.getZr() as unknown as { storage: { getDisplayList(update: boolean): Element[] } }
    ).storage.getDisplayList(true);
    return elements
      .filter((el) => el.type === 'tspan' && !el.ignore && !el.invisible && el.style.text)
      .map((el) => {
        const { x, y, width: w, height: h } = el.getBoundingRect();
        const [a, b, c, d, e, f] = el.getComputedTransform() ?? [1, 0, 0, 1, 0, 0];
        const corners = (
          [
            [x, y],
            [x + w, y],
            [x + w, y + h],
            [x, y + h],
          ] as Point[]
        ).map(([px, py]): Point => [a! * px + c! * py + e!, b! * px + d! * py + f!]);
        return { text: el.style.text ?? '', corners };
      });
  } finally {
    chart.dispose();
  }
}

/** Whether two convex quadrilaterals overlap by more than `slack` px (separating axis test). */
function overlap(p: Point[], q: Point[], slack = 0.5): boolean {
  for (const poly of [p, q])
    for (const [i, [x1, y1]] of poly.entries()) {
      const [x2, y2] = poly[(i + 1) % poly.length]!;
      const axis: Point = [y1 - y2, x2 - x1];
      const length = Math.hypot(axis[0], axis[1]);
      const project = (pts: Point[]) => pts.map(([x, y]) => (x * axis[0] + y * axis[1]) / length);
      const [a, b] = [project(p), project(q)];
      if (Math.min(Math.max(...a), Math.max(...b)) - Math.max(Math.min(...a), Math.min(...b)) <= slack)
        return false;
    }
  return true;
}

/** Every name drawn whole (its lines in a row), nothing cut short, inside the chart, no text over another. */
function expectReadable(drawn: Drawn[], names: string[], width: number, height: number) {
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  const all = squeeze(drawn.map((d) => d.text).join(''));
  for (const name of names) expect(all, `「${name}」 whole`).toContain(squeeze(name));
  for (const d of drawn) {
    expect(d.text, 'cut short').not.toMatch(/\.\.\.|…/);
    for (const [x, y] of d.corners) {
      expect(x, `「${d.text}」 inside, across`).toBeGreaterThanOrEqual(-0.5);
      expect(x, `「${d.text}」 inside, across`).toBeLessThanOrEqual(width + 0.5);
      expect(y, `「${d.text}」 inside, down`).toBeGreaterThanOrEqual(-0.5);
      expect(y, `「${d.text}」 inside, down`).toBeLessThanOrEqual(height + 0.5);
    }
  }
  for (const [i, a] of drawn.entries())
    for (const b of drawn.slice(i + 1))
      expect(overlap(a.corners, b.corners), `「${a.text}」 over 「${b.text}」`).toBe(false);
}

const yuan = (v: number) => `${v} 元`;

describe('aid statistics charts keep their labels readable', () => {
  const sources = {
    'zh-CN': [
      { name: '街道办拨款', value: 5920 },
      { name: '街道总工会帮扶经费', value: 6160 },
      { name: '上级工会下拨', value: 420 },
      { name: '社会捐赠', value: 100 },
      { name: '区政府专项资金（2026 年第一批）', value: 800 },
    ],
    en: [
      { name: 'Government grant', value: 5920 },
      { name: 'Union funds', value: 6160 },
      { name: 'Upper union transfer', value: 420 },
      { name: 'Donation', value: 100 },
      { name: 'Other', value: 800 },
    ],
  };

  for (const [language, slices] of Object.entries(sources))
    for (const width of [300, 460, 700])
      it(`a ring of amounts by source, ${language}, ${width} px wide`, () => {
        const drawn = drawnTexts(ringOption(slices, yuan), width, 280);
        expectReadable(
          drawn,
          slices.map((s) => s.name),
          width,
          280,
        );
        // Each label carries its share.
        expect(drawn.filter((d) => /^\d+(\.\d+)?%$/.test(d.text))).toHaveLength(slices.length);
      });

  // The home page's users by role: names and head counts, one tiny slice beside large ones.
  const roles = [
    { name: 'Administrator', value: 4 },
    { name: 'Officer', value: 37 },
    { name: 'Reviewer', value: 22 },
    { name: 'Finance', value: 9 },
    { name: 'Auditor', value: 1 },
    { name: 'Supplier', value: 2 },
  ];
  for (const width of [300, 460])
    it(`a ring of users by role with head counts, ${width} px wide`, () => {
      const drawn = drawnTexts(ringOption(roles, String, '{b} {c}'), width, 240);
      expectReadable(
        drawn,
        roles.map((r) => `${r.name} ${r.value}`),
        width,
        240,
      );
    });

  const units = [
    '临江望江物业服务有限公司工会委员会',
    '临江市恒顺纺织有限公司工会委员会',
    '望江街道总工会',
    '临江江东环卫服务有限公司工会委员会',
  ];
  for (const width of [420, 650])
    it(`amounts by unit, ${width} px wide`, () => {
      const height = unitBarHeight(units.length);
      const option = unitBarOption({
        units,
        valueAxisName: '元',
        series: [
          { name: '批准金额', data: [3000, 2000, 500, 1500] },
          { name: '已发放金额', data: [1000, 2000, 0, 1500] },
        ],
      });
      expectReadable(drawnTexts(option, width, height), [...units, '批准金额', '已发放金额'], width, height);
    });

  const categories = {
    types: {
      'zh-CN': ['冬送温暖', '金秋助学', '医疗救助', '临时救助', '项目帮扶'],
      en: ['Winter warmth', 'Tuition aid', 'Medical aid', 'One-time relief', 'Project aid'],
    },
    schools: {
      'zh-CN': ['学前', '小学', '初中', '高中', '中职/高职', '大学'],
      en: ['Preschool', 'Primary', 'Junior high', 'Senior high', 'Vocational', 'University'],
    },
  };
  // As StatisticsPage (program types: a legend below, 280 px) and ProgramStatsTab (school levels, 220 px) draw them.
  const frames = {
    types: {
      height: 280,
      frame: {
        legend: { bottom: 0 },
        grid: { left: 60, right: 50, top: 30, bottom: 50, outerBounds: { bottom: 30 } },
        yAxis: [
          { type: 'value', name: '元' },
          { type: 'value', name: '户数', position: 'right' },
        ],
      },
    },
    schools: {
      height: 220,
      frame: { grid: { left: 50, right: 20, top: 20, bottom: 30 }, yAxis: { type: 'value', name: '人' } },
    },
  };
  for (const [chart, byLanguage] of Object.entries(categories))
    for (const [language, names] of Object.entries(byLanguage))
      for (const width of [300, 430, 700])
        it(`every category of the ${chart} bars named, ${language}, ${width} px wide`, () => {
          const { height, frame } = frames[chart as keyof typeof frames];
          const option = categoryBarsOption(
            {
              ...frame,
              xAxis: { type: 'category', data: names },
              series: [{ name: '户数', type: 'bar', data: names.map((_, i) => i + 1) }],
            },
            names.length,
          );
          expectReadable(drawnTexts(option, width, height), names, width, height);
        });
});

describe('档案统计: archived households by cause', () => {
  const causes = {
    'zh-CN': ['患病', '残疾', '子女就学', '下岗失业', '单亲', '意外/灾害', '其他'],
    en: [
      'Illness',
      'Disability',
      'Children at school',
      'Unemployment',
      'Single parent',
      'Accident / disaster',
      'Other',
    ],
  };
  // The card is 14/24 of the content beside the ring from 992 px (about 330 px at 992, 530 at 1024 with
  // the menu folded, 700 at 1440), the whole width below.
  for (const [language, names] of Object.entries(causes))
    for (const width of [300, 330, 530, 700])
      it(`every cause named whole, clear of the legend, ${language}, ${width} px wide`, () => {
        const height = unitBarHeight(names.length);
        const option = horizontalBarsOption({
          categories: names,
          integers: true,
          labelWidth: 110,
          series: [
            { name: language === 'en' ? 'Households' : '户数', data: [15, 6, 3, 4, 4, 1, 0] },
            { name: language === 'en' ? 'People' : '人数', data: [39, 16, 9, 11, 10, 3, 0] },
          ],
        });
        const legend = language === 'en' ? ['Households', 'People'] : ['户数', '人数'];
        expectReadable(drawnTexts(option, width, height), [...names, ...legend], width, height);
      });
});
