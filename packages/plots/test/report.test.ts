import { describe, expect, it } from 'vitest';
import { flattenConfig, PlotInputError, report, resultsTable } from '../src/index.js';
import { byClass, byTag, parseSvg } from './helpers.js';
import { fixtureReport } from './reportFixture.js';

describe('report', () => {
  it('flattenConfig(nested) gives dotted keys; resultsTable(results) gives one row per run (trimmed keys)', () => {
    expect(flattenConfig({ a: { b: 1, c: [1, 2] }, d: 'x' })).toEqual([
      ['a.b', 1],
      ['a.c', [1, 2]],
      ['d', 'x'],
    ]);
    const t = resultsTable([{ 'R^2_test_data ': 0.5, epoch_count: 2 }, { epoch_count: 4 }]);
    expect(t.columns).toEqual(['run', 'R^2_test_data', 'epoch_count']);
    expect(t.rows).toEqual([
      [1, 0.5, 2],
      [2, null, 4],
    ]);
  });

  it('report(input) is one self-contained page: one section per input section, every figure inlined, no external resource', () => {
    const { input, figureCount } = fixtureReport();
    const html = report(input);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link\b/);
    expect(html).not.toMatch(/(href|src)="https?:/);
    expect(html).toContain('MNIST_Setting_3 &lt;fixture&gt;');
    for (let s = 1; s <= 7; s++) expect(html).toContain(`id="step-${s}-`);
    // XHTML-parse the body content: every inlined SVG parses and is counted
    const main = html.slice(html.indexOf('<main>'), html.indexOf('</main>') + 7);
    const doc = parseSvg(main.replace(/&nbsp;/g, ' '));
    const figures = byClass(doc, 'figure');
    expect(figures).toHaveLength(figureCount + 1); // + the interactive viewer
    expect(byClass(doc, 'curv-figure')).toHaveLength(figureCount + 4); // the 2×2 grid nests 4 heat maps
    expect(byTag(doc, 'canvas')).toHaveLength(1);
    expect(byClass(doc, 'data-table').map((t) => byTag(t as never, 'caption')[0].textContent)).toEqual([
      'Configuration',
      'results.json',
      'F-measures',
    ]);
    expect(html).toContain('<td>training_config.num_epochs</td><td>20</td>');
    expect(html).not.toContain('Nothing recorded');
    expect(html.match(/<script>/g)).toHaveLength(1); // the inline viewer
  });

  it('report() shows sections in the given order with their labels, an empty one with its emptyText, and no script without a surface', () => {
    const { input } = fixtureReport();
    const html = report({
      ...input,
      sections: [
        { title: 'Zeta', notes: ['last letter'] },
        ...input.sections.map((s) => ({ ...s, surface: undefined })),
        { title: 'Alpha — a long title', label: 'Alpha', emptyText: 'Not run yet.' },
      ],
    });
    const ids = [...html.matchAll(/<section id="([^"]+)" class="section"/g)].map((m) => m[1]);
    expect(ids[0]).toBe('zeta-0');
    expect(ids.at(-1)).toBe(`alpha-${ids.length - 1}`);
    expect(html).toContain('<a href="#zeta-0">Zeta</a>');
    expect(html).toContain('<h2>Alpha — a long title</h2><p class="empty">Not run yet.</p>');
    expect(html).toContain(
      '<h2>Step 5 — Embedded surface (interactive)</h2><p class="empty">Nothing recorded.</p>',
    );
    expect(html).not.toContain('<script');
  });

  it('report() rejects a missing title', () => {
    expect(() => report({ sections: [] } as never)).toThrow(PlotInputError);
    expect(() => report({ title: 't', sections: [{ figures: [] }] } as never)).toThrow(
      /sections\[0\]\.title/,
    );
  });
});
