/** Sizes of the Latent Space Oddity experiment (`curv lso`); `--quick` takes the small column. */
export interface LsoSettings {
  quick: boolean;
  /** MNIST images per digit (digits 0 and 1). */
  mnistPerDigit: number;
  /** Points drawn for the surface with a hole (before the hole is cut). */
  surfacePoints: number;
  /** VAE epochs (MNIST, surface). */
  mnistEpochs: number;
  surfaceEpochs: number;
  /** RBF centres and bandwidth factor of the main metric. */
  k: number;
  a: number;
  /** Epochs of the precision-network regression. */
  rbfEpochs: number;
  /** k-means restarts. */
  restarts: number;
  /** Heat-map grid side. */
  grid: number;
  /** Random-walk steps and Euclidean step size as a fraction of the plotted box side. */
  walkSteps: number;
  walkStep: number;
  /** Schauder solver steps. */
  schauderSteps: number;
  /** Bandwidth factors and centre counts of the sweeps. */
  sweepA: number[];
  sweepK: number[];
  /** Riemannian K-means (MNIST): latent means per digit, outer iterations and geodesic steps per iteration. */
  kmeansPerDigit: number;
  kmeansOuter: number;
  kmeansInner: number;
  /** 3-D embedding: grid nodes per side and Schauder steps per edge geodesic. */
  embedNodes: number;
  embedSteps: number;
  /** TorusAE epochs and hidden widths for the side-by-side comparison. */
  torusEpochs: number;
  torusHidden: [number, number];
  seed: number;
}

/** Settings of the full run (a few minutes on 2 cores) and of `--quick` (about a minute). */
export function lsoSettings(quick: boolean): LsoSettings {
  return quick
    ? {
        quick,
        mnistPerDigit: 1000,
        surfacePoints: 800,
        mnistEpochs: 30,
        surfaceEpochs: 40,
        k: 32,
        a: 1.25,
        rbfEpochs: 30,
        restarts: 3,
        grid: 60,
        walkSteps: 1000,
        walkStep: 0.01,
        schauderSteps: 200,
        sweepA: [0.5, 1.25, 3],
        sweepK: [16, 32, 64],
        kmeansPerDigit: 20,
        kmeansOuter: 8,
        kmeansInner: 5,
        embedNodes: 6,
        embedSteps: 60,
        torusEpochs: 10,
        torusHidden: [64, 32],
        seed: 0,
      }
    : {
        quick,
        mnistPerDigit: 2000,
        surfacePoints: 2000,
        mnistEpochs: 60,
        surfaceEpochs: 250,
        k: 64,
        a: 1.25,
        rbfEpochs: 50,
        restarts: 10,
        grid: 100,
        walkSteps: 10000,
        walkStep: 0.01,
        schauderSteps: 300,
        sweepA: [0.5, 1.25, 3],
        sweepK: [16, 64, 128],
        kmeansPerDigit: 30,
        kmeansOuter: 10,
        kmeansInner: 5,
        embedNodes: 6,
        embedSteps: 60,
        torusEpochs: 20,
        torusHidden: [128, 64],
        seed: 0,
      };
}
