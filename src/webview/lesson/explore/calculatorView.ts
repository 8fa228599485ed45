import {
  applyPreset, compileCalculator, defaultValues, evaluateOutputs, formatOutput, inputValueText, nearestPosition, plotSeries,
  positionCount, positionValue, presetActive, tableRows, type Calculator, type NumberInput, type Values,
} from '../../../core/explore/calculator';
import { el, measureUpdate, uid } from './dom';
import { linePlot } from './plot';

/** Where a calculator keeps the learner's values, so a page drawn again shows them again. */
export interface KeptValues {
  get(): Values | undefined;
  set(values: Values): void;
}

/**
 * A calculator: labelled inputs (a slider with a number box, or a select), preset buttons, outputs in
 * a polite live region, an optional plot and table. Everything is recomputed on each input event.
 */
export function calculatorView(calc: Calculator, kept?: KeptValues): HTMLElement {
  const c = compileCalculator(calc);
  // values kept for the same block (same settings, so the same inputs and ranges), else the defaults
  let values: Values = { ...defaultValues(calc), ...kept?.get() };
  const root = el('section', { class: 'explore explore-calc', 'aria-label': calc.title ?? 'Calculator' });
  if (calc.title) root.append(el('div', { class: 'explore-title' }, calc.title));

  const setters = new Map<string, (v: number) => void>();
  const presetButtons: { button: HTMLButtonElement; preset: (typeof calc.presets)[number] }[] = [];
  if (calc.presets.length) {
    const group = el('div', { class: 'explore-presets', role: 'group', 'aria-label': 'Presets' }, el('span', { class: 'explore-presets-label' }, 'Presets'));
    for (const preset of calc.presets) {
      const button = el('button', { type: 'button', class: 'explore-preset', 'aria-pressed': 'false', title: Object.entries(preset.values).map(([k, v]) => `${k} = ${v}`).join(', ') }, preset.name);
      button.addEventListener('click', () => {
        const t = performance.now();
        values = applyPreset(values, preset);
        for (const [k, v] of Object.entries(preset.values)) setters.get(k)?.(v);
        refresh(t);
      });
      presetButtons.push({ button, preset });
      group.append(button);
    }
    root.append(group);
  }

  const inputs = el('div', { class: 'explore-inputs' });
  for (const input of calc.inputs) {
    const id = uid('explore-in');
    if (input.kind === 'choice') {
      const select = el('select', { id });
      for (const ch of input.choices) select.append(el('option', { value: String(ch.value) }, ch.label));
      select.value = String(values[input.name]);
      select.addEventListener('change', () => {
        const t = performance.now();
        values[input.name] = Number(select.value);
        refresh(t);
      });
      setters.set(input.name, (v) => { select.value = String(v); });
      inputs.append(el('div', { class: 'explore-input' }, el('label', { for: id }, input.label), select, input.unit ? el('span', { class: 'explore-unit' }, input.unit) : ''));
      continue;
    }
    inputs.append(numberInput(input, id, () => values[input.name], (v, t) => { values[input.name] = v; refresh(t); }, setters));
  }
  root.append(inputs);

  const shown = calc.outputs.filter((o) => !o.hidden);
  const outDl = el('dl', { class: 'explore-outputs' });
  const outValues = new Map<string, HTMLElement>();
  for (const o of shown) {
    const dd = el('dd', { 'data-output': o.name });
    outValues.set(o.name, dd);
    outDl.append(el('div', { class: 'explore-output' }, el('dt', {}, o.label), dd));
  }
  // announced politely: a screen reader hears the new values after the learner stops moving the slider
  root.append(el('div', { class: 'explore-outputs-region', 'aria-live': 'polite', 'aria-label': 'Results' }, outDl));

  let plot: ReturnType<typeof linePlot> | undefined;
  let plotCaption: HTMLElement | undefined;
  if (calc.plot) {
    const p = calc.plot;
    const x = calc.inputs.find((i) => i.name === p.x) as NumberInput;
    const y = calc.outputs.find((o) => o.name === p.y)!;
    plot = linePlot({ xLabel: x.unit ? `${x.label} (${x.unit})` : x.label, yLabel: y.unit ? `${y.label} (${y.unit})` : y.label, xLog: x.scale === 'log', yLog: p.yScale === 'log', yUnit: y.unit });
    plot.root.setAttribute('aria-label', `Plot of ${y.label} against ${x.label}`);
    plotCaption = el('figcaption', {});
    root.append(el('figure', { class: 'explore-plot' }, plot.root, plotCaption));
  }

  let tbody: HTMLTableSectionElement | undefined;
  if (calc.table) {
    const cols = calc.table.columns.map((n) => calc.outputs.find((o) => o.name === n)!);
    tbody = el('tbody');
    const head = el('tr', {}, el('th', { scope: 'col' }, 'presets' in calc.table.rows ? 'Preset' : 'Value'), ...cols.map((o) => el('th', { scope: 'col' }, o.label)));
    root.append(el('table', { class: 'explore-table' }, el('thead', {}, head), tbody));
  }

  function refresh(start: number): void {
    kept?.set({ ...values });
    const out = evaluateOutputs(c, values);
    for (const o of shown) {
      const text = formatOutput(o, out[o.name]);
      const dd = outValues.get(o.name)!;
      if (dd.textContent !== text) dd.textContent = text;
    }
    for (const { button, preset } of presetButtons) button.setAttribute('aria-pressed', String(presetActive(values, preset)));
    if (plot && calc.plot) {
      const s = plotSeries(c, values)!;
      plot.update(s.xs, s.ys, values[calc.plot.x], out[calc.plot.y]);
      const x = calc.inputs.find((i) => i.name === calc.plot!.x)!;
      const y = calc.outputs.find((o) => o.name === calc.plot!.y)!;
      plotCaption!.textContent = `${y.label} against ${x.label}; the dot marks ${x.label} = ${inputValueText(x, values[x.name])}: ${formatOutput(y, out[y.name])}.`;
    }
    if (tbody) {
      tbody.replaceChildren(...tableRows(c, values).map((r) => el('tr', {}, el('th', { scope: 'row' }, r.label), ...r.cells.map((t) => el('td', {}, t)))));
    }
    measureUpdate(start, root);
  }
  refresh(performance.now());
  return root;
}

/** A number input: a slider over its positions (linear or log) and a number box that takes any value in range. */
function numberInput(input: NumberInput, id: string, get: () => number, set: (v: number, start: number) => void, setters: Map<string, (v: number) => void>): HTMLElement {
  const count = positionCount(input);
  const range = el('input', { type: 'range', id, min: '0', max: String(count - 1), step: '1' });
  const box = el('input', { type: 'number', class: 'explore-number', min: String(input.min), max: String(input.max), step: 'any', 'aria-label': `${input.label}, exact value${input.unit ? ` in ${input.unit}` : ''}` });
  const show = (v: number) => {
    range.value = String(nearestPosition(input, v));
    range.setAttribute('aria-valuetext', inputValueText(input, v));
    box.value = String(v);
  };
  show(get());
  setters.set(input.name, show);
  range.addEventListener('input', () => {
    const t = performance.now();
    const v = positionValue(input, Number(range.value));
    range.setAttribute('aria-valuetext', inputValueText(input, v));
    box.value = String(v);
    set(v, t);
  });
  box.addEventListener('change', () => {
    const t = performance.now();
    const typed = Number(box.value);
    if (box.value.trim() === '' || !Number.isFinite(typed)) return show(get());
    const v = Math.min(input.max, Math.max(input.min, typed));
    show(v);
    set(v, t);
  });
  return el('div', { class: 'explore-input' }, el('label', { for: id }, input.label), range, box, input.unit ? el('span', { class: 'explore-unit' }, input.unit) : '');
}
