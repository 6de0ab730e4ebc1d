/** Getter/setter pair of a configurable figure, in the d3 style: `f.size()` reads, `f.size([w, h])` sets and returns `f`. */
export interface Accessor<V, B> {
  (): V;
  (value: V): B;
}

/**
 * A configurable figure: call it with data to get an SVG string; every option has a chainable accessor.
 * `options()` returns a copy of the current settings, `copy()` an independent builder with the same settings.
 */
export type Figure<O, D> = ((data: D) => string) & {
  readonly [K in keyof O]-?: Accessor<O[K], Figure<O, D>>;
} & {
  options(): O;
  copy(): Figure<O, D>;
};

/**
 * Create a d3-style configurable figure from default options and a render function.
 *
 * ```ts
 * const f = figureBuilder({ size: [400, 300] as [number, number] }, (d: number[], o) => `<svg>${d.length}</svg>`);
 * f.size([200, 100])([1, 2]); // '<svg>2</svg>'
 * ```
 */
export function figureBuilder<O extends object, D>(
  defaults: O,
  render: (data: D, options: Readonly<O>) => string,
): Figure<O, D> {
  const settings: O = { ...defaults };
  const fig = ((data: D) => render(data, { ...settings })) as Figure<O, D>;
  for (const key of Object.keys(defaults) as (keyof O)[]) {
    const accessor = (...args: unknown[]) => {
      if (args.length === 0) return settings[key];
      settings[key] = args[0] as O[keyof O];
      return fig;
    };
    Object.defineProperty(fig, key, { value: accessor, enumerable: true });
  }
  Object.defineProperty(fig, 'options', { value: () => ({ ...settings }) });
  Object.defineProperty(fig, 'copy', {
    value: () => figureBuilder({ ...settings }, render),
  });
  return fig;
}
