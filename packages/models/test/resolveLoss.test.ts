import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initBackend, Random } from '@curv/core';
import { curvatureAndMetric } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ConfigOverrides,
  contractiveLoss,
  curvatureRoute,
  curvatureTerm,
  type ExperimentConfig,
  equidistributionLoss,
  loadConfig,
  mseLoss,
  PotentialNet,
  perelmanF,
  perelmanW,
  resolveLoss,
  TorusAE,
  TorusAELoss,
} from '../src/index.js';
import { detachedAngles } from '../src/losses/batchLoss.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

const CONFIG_DIR = fileURLToPath(new URL('../../../apps/thesis-pipeline/configs/', import.meta.url));
const SHIPPED = readdirSync(CONFIG_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/**
 * The loss as the configuration keys defined it before the weights were resolved: λ_recon·MSE +
 * λ_unif·L_equi, + λ_contractive·L_contr when compute_contractive_loss, and when compute_curvature
 * + λ_curv·L_curv (curvature_functional R2) or − λ_curv·F / W (Perelman) on the first
 * curvature_points detached encodings, the route from curvature_computation_mode and eps.
 */
function configDrivenTotal(cfg: ExperimentConfig, ae: TorusAE, x: tf.Tensor2D, pot?: PotentialNet): number {
  return tf.tidy(() => {
    const ls = cfg.loss_settings;
    const tm = cfg.training_mode;
    const { reconstruction, encoding } = ae.forward(x);
    let total = tf.add(
      tf.mul(mseLoss(x, reconstruction), ls.lambda_recon),
      tf.mul(equidistributionLoss(encoding, ls.num_moments), ls.lambda_unif),
    );
    if (tm.compute_contractive_loss) {
      total = tf.add(total, tf.mul(contractiveLoss(ae, x, ls.delta_encoder), ls.lambda_contractive));
    }
    if (tm.compute_curvature) {
      const route = curvatureRoute(tm.curvature_computation_mode, ls.eps);
      const pts = detachedAngles(encoding, ls.curvature_points);
      if (ls.curvature_functional === 'R2') {
        const c = curvatureTerm(ae.decoder(), pts, { route, eps: ls.eps });
        total = tf.add(total, tf.mul(c, ls.lambda_curv));
      } else {
        const { R, g } = curvatureAndMetric(ae.decoder(), pts, { route, eps: ls.eps });
        const { f, grad } = pot!.jet(pts);
        const inputs = { R: R as tf.Tensor1D, g: g as tf.Tensor3D, f, gradF: grad, eps: ls.eps };
        const F =
          ls.curvature_functional === 'F'
            ? perelmanF(inputs)
            : perelmanW({ ...inputs, tau: ls.perelman_tau });
        total = tf.sub(total, tf.mul(F, ls.lambda_curv));
      }
    }
    return total.dataSync()[0];
  });
}

function resolvedTotal(cfg: ExperimentConfig, ae: TorusAE, x: tf.Tensor2D, pot?: PotentialNet) {
  const loss = new TorusAELoss(ae, resolveLoss(cfg), pot);
  return tf.tidy(() => {
    const prep = loss.prepare(x, 0, new Random(0));
    const { total, terms } = loss.compute(x, prep);
    prep.dispose();
    return { total: total.dataSync()[0], names: Object.keys(terms) };
  });
}

function withOverrides(file: string, over: ConfigOverrides): ExperimentConfig {
  const cfg = loadConfig(`${CONFIG_DIR}${file}`);
  for (const [section, values] of Object.entries(over)) {
    Object.assign((cfg as unknown as Record<string, object>)[section], values);
  }
  return cfg;
}

describe('resolveLoss', () => {
  // A small network keeps the comparison fast; the configs' weights and switches are what is tested.
  const ae = () => new TorusAE({ inputDim: 784, hidden: [24, 16], seed: 4 });
  const batch = () => tf.tensor2d(new Random(8).uniformArray(16 * 784, 0, 1), [16, 784]);

  it('maps each shipped configuration to the weights its keys meant', () => {
    const byName = Object.fromEntries(SHIPPED.map((f) => [f, resolveLoss(loadConfig(`${CONFIG_DIR}${f}`))]));
    expect(byName['MNIST_Setting_3_config.yaml'].curvature).toEqual({ weight: 0.1, functional: 'R2' });
    expect(byName['MNIST_Setting_3_config.yaml'].route).toBe('gauss'); // jacfwd with eps 0
    expect(byName['MNIST_Setting_1_exp1_config.yaml'].curvature).toBeNull();
    expect(byName['MNIST_Setting_1_exp1_config.yaml'].contractive).toBeNull();
    expect(byName['quick_curv.yaml'].curvaturePoints).toBe(32);
    for (const r of Object.values(byName)) {
      expect(r.ood).toBeNull();
      expect(r.uniformSamples).toBeNull();
      expect(r.recon).toBe(1);
    }
  });

  it('a curvature weight without compute_curvature resolves to no curvature term at all', () => {
    const cfg = withOverrides('MNIST_Setting_3_config.yaml', { training_mode: { compute_curvature: false } });
    expect(cfg.loss_settings.lambda_curv).toBe(0.1);
    expect(resolveLoss(cfg).curvature).toBeNull();
    const f = withOverrides('MNIST_Setting_3_config.yaml', { loss_settings: { curvature_functional: 'W' } });
    expect(resolveLoss(f).curvature).toEqual({ weight: 0.1, functional: 'W' });
  });

  for (const file of SHIPPED) {
    it(`TorusAELoss(resolveLoss(config)) equals the config-driven loss for ${file}`, () => {
      const m = ae();
      const x = batch();
      const cfg = loadConfig(`${CONFIG_DIR}${file}`);
      const expected = configDrivenTotal(cfg, m, x);
      const { total, names } = resolvedTotal(cfg, m, x);
      expect(Math.abs(total - expected)).toBeLessThanOrEqual(1e-6 * Math.abs(expected));
      expect(names.includes('Curvature')).toBe(cfg.training_mode.compute_curvature);
      x.dispose();
      m.dispose();
    });
  }

  // Each variant with a contrast: the configuration that a wrong mapping would amount to (the term
  // switched the other way, the sign flipped, the other route), whose total must differ by far more than
  // the tolerance, so that the comparison can fail.
  const variants: [string, string, ConfigOverrides, ConfigOverrides][] = [
    [
      'contractive on (λ 0.3, δ 0.01)',
      'MNIST_Setting_1_exp1_config.yaml',
      {
        training_mode: { compute_contractive_loss: true },
        loss_settings: { lambda_contractive: 0.3, delta_encoder: 0.01 },
      },
      { loss_settings: { lambda_contractive: 0.3, delta_encoder: 0.01 } },
    ],
    [
      'λ_curv set, compute_curvature off',
      'MNIST_Setting_3_config.yaml',
      { training_mode: { compute_curvature: false } },
      {},
    ],
    [
      'Perelman F',
      'quick_curv.yaml',
      { loss_settings: { curvature_functional: 'F' } },
      { loss_settings: { curvature_functional: 'F', lambda_curv: -0.1 } },
    ],
    [
      'Perelman W',
      'quick_curv.yaml',
      { loss_settings: { curvature_functional: 'W', perelman_tau: 0.7 } },
      { loss_settings: { curvature_functional: 'W', perelman_tau: 0.7, lambda_curv: -0.1 } },
    ],
    [
      'intrinsic route with eps 0.1',
      'MNIST_Setting_3_config.yaml',
      { loss_settings: { eps: 0.1 } },
      { loss_settings: { eps: 0.1, lambda_curv: 0 } },
    ],
  ];
  for (const [name, file, over, contrast] of variants) {
    it(`TorusAELoss(resolveLoss(config)) equals the config-driven loss: ${name}`, () => {
      const m = ae();
      const x = batch();
      const cfg = withOverrides(file, over);
      const pot =
        cfg.training_mode.compute_curvature && cfg.loss_settings.curvature_functional !== 'R2'
          ? new PotentialNet({ hidden: 6, seed: 3 })
          : undefined;
      const expected = configDrivenTotal(cfg, m, x, pot);
      const { total } = resolvedTotal(cfg, m, x, pot);
      expect(Math.abs(total - expected)).toBeLessThanOrEqual(1e-6 * Math.abs(expected));
      const wrong = configDrivenTotal(withOverrides(file, contrast), m, x, pot);
      expect(Math.abs(wrong - expected)).toBeGreaterThan(1e-4 * Math.abs(expected));
      pot?.dispose();
      x.dispose();
      m.dispose();
    });
  }
});
