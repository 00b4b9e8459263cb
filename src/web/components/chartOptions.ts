import type { EChartsCoreOption } from 'echarts/core';

/*
 * Options of the charts (aid statistics, the home page), written so that every label stays whole and inside the chart at
 * the widths the cards take (about 300–700 px), in Chinese and in English. ECharts' defaults cut a pie
 * label short with 「…」 when it is wider than the room beside the ring, drop category labels that
 * would touch (`interval: 'auto'`), and let rotated labels run off the canvas.
 */

/** Below this chart width the ring shrinks, so that the labels beside it keep room to wrap. */
export const NARROW_PIE_WIDTH = 400;

/**
 * A ring of shares (amounts, head counts). Each label is the name and, by default, its share, set beside
 * the ring at the end of its line (never over the ring) and wrapped to the room between the ring and the
 * chart's edge; a label crowded by a neighbour is moved, not hidden. No legend: the labels name every
 * slice, and the room a legend took is the ring's. The value is in the tooltip (ECharts' own, which
 * escapes the names: source names are typed by users).
 */
export function ringOption(
  slices: { name: string; value: number }[],
  formatValue: (value: number) => string,
  /** ECharts' label template: `{b}` name, `{c}` value, `{d}` share. */
  labelFormat = '{b}\n{d}%',
): EChartsCoreOption {
  return {
    baseOption: {
      tooltip: { trigger: 'item', valueFormatter: formatValue },
      series: [
        {
          type: 'pie',
          radius: ['30%', '52%'],
          avoidLabelOverlap: true,
          label: {
            formatter: labelFormat,
            alignTo: 'labelLine',
            overflow: 'break',
            lineHeight: 15,
            minMargin: 4,
            edgeDistance: 8,
          },
          labelLine: { length: 8, length2: 8, maxSurfaceAngle: 80 },
          labelLayout: { hideOverlap: false },
          data: slices,
        },
      ],
    },
    media: [{ query: { maxWidth: NARROW_PIE_WIDTH }, option: { series: [{ radius: ['22%', '40%'] }] } }],
  };
}

/** Room a category label needs when set straight: 「One-time relief」 wraps onto two lines of 64 px. */
const CATEGORY_SLOT = 72;

/**
 * Bars over a few short category names (program types, school levels), every name shown: set straight
 * and wrapped at 64 px while each category has room for that, rotated when the chart is narrower —
 * ECharts' default drops every other name when two would touch. `option` has one category x axis; its
 * grid should leave 30 px at the bottom for a legend there (the labels are kept above that).
 */
export function categoryBarsOption(option: EChartsCoreOption & { xAxis: object }, categories: number) {
  return {
    baseOption: {
      ...option,
      xAxis: {
        ...option.xAxis,
        axisLabel: { interval: 0, width: 64, overflow: 'break', lineHeight: 14 },
      },
    },
    media: [
      {
        // The axis runs over the chart's width less the grid's sides (about 100 px in our charts).
        query: { maxWidth: categories * CATEGORY_SLOT + 100 },
        option: { xAxis: { axisLabel: { rotate: 35, width: 100, overflow: 'truncate' } } },
      },
    ],
  } satisfies EChartsCoreOption;
}

/** Height of a `unitBarOption` / `horizontalBarsOption` chart: a row per category, at least the cards' usual 240 px. */
export function unitBarHeight(units: number): number {
  return Math.max(240, units * 40 + 90);
}

/**
 * Bars across, one row per category, names read across at the left (wrapped at `labelWidth`), in the
 * order given from the top, the legend below. Long names (unit names, 「Accident / disaster」 in English)
 * stay whole at any card width: rotated names under vertical bars ran off the chart and into the legend.
 */
export function horizontalBarsOption(input: {
  categories: string[];
  series: { name: string; data: number[] }[];
  valueAxisName?: string;
  labelWidth?: number;
  /** Whole numbers only on the value axis (head counts). */
  integers?: boolean;
}): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 8, right: 32, top: 28, bottom: 52 },
    xAxis: {
      type: 'value',
      ...(input.valueAxisName ? { name: input.valueAxisName } : {}),
      ...(input.integers ? { minInterval: 1 } : {}),
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: input.categories,
      axisLabel: { interval: 0, width: input.labelWidth ?? 140, overflow: 'break', lineHeight: 14 },
    },
    series: input.series.map((s) => ({ name: s.name, type: 'bar', barMaxWidth: 16, data: s.data })),
  };
}

/**
 * Amounts by unit as horizontal bars: unit names (「临江望江物业服务有限公司工会委员会」) read across,
 * wrapped at 140 px.
 */
export function unitBarOption(input: {
  units: string[];
  series: { name: string; data: number[] }[];
  valueAxisName: string;
}): EChartsCoreOption {
  return horizontalBarsOption({
    categories: input.units,
    series: input.series,
    valueAxisName: input.valueAxisName,
  });
}
