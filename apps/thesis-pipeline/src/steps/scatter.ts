import type { Dataset } from '@curv/datasets';
import { latentScatter } from '@curv/plots';

/**
 * A latent scatter of encodings (row-major [n, 2] angles) coloured by the dataset's labels: discrete
 * colours with a label key for class labels, a colour bar for continuous ones (Swiss roll t).
 */
export function latentScatterSvg(
  points: Float32Array,
  ds: Dataset,
  title: string,
  extra: { normalize?: boolean } = {},
): string {
  const fig = latentScatter().title(title);
  const pts = extra.normalize ? points.map((v) => v / Math.PI) : points;
  if (extra.normalize) fig.extent([-1, 1]);
  if (ds.discreteLabels) {
    return fig.labelTitle('Cluster label')({ points: pts, labels: Int32Array.from(ds.labels, Math.round) });
  }
  return fig.colorLabel('t')({ points: pts, values: ds.labels });
}
