import type { ThemeConfig } from 'antd';

/** The union red: buttons, the selected menu item, links, checked boxes, tags. */
export const BRAND_RED = '#c62f2f';

/**
 * Focus and hover of a field: antd's own blue. antd draws a focused field with `colorPrimary`, and with
 * the union red a focused field looked like one with an error (antd's red, `colorError`). Red stays
 * the colour of errors, which people read as red; the brand stays red wherever something is chosen or
 * pressed; a field being typed in is blue, the focus colour users of antd forms know. Blue #1677ff on
 * white is 4.1 : 1, above the 3 : 1 a focus indicator needs (WCAG 1.4.11).
 */
export const FOCUS_BLUE = '#1677ff';
const FOCUS_BLUE_HOVER = '#4096ff';
/** antd's default `controlOutline`: the 2 px glow around a focused field. */
const FOCUS_OUTLINE = 'rgba(5, 145, 255, 0.1)';

/** The field components' own focus tokens; the error state keeps antd's `colorError` border and glow. */
const field = {
  activeBorderColor: FOCUS_BLUE,
  hoverBorderColor: FOCUS_BLUE_HOVER,
  activeShadow: `0 0 0 2px ${FOCUS_OUTLINE}`,
};

export const appTheme: ThemeConfig = {
  token: { colorPrimary: BRAND_RED, borderRadius: 6 },
  components: {
    Input: field,
    InputNumber: field,
    DatePicker: field,
    Mentions: field,
    // Also the selector of TreeSelect, Cascader and AutoComplete, drawn by Select's styles.
    Select: {
      activeBorderColor: FOCUS_BLUE,
      hoverBorderColor: FOCUS_BLUE_HOVER,
      activeOutlineColor: FOCUS_OUTLINE,
    },
  },
};
