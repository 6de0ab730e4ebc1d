/**
 * Step parameters that are not part of an experiment's YAML configuration (sizes of grids, solver
 * iterations, K-means settings). The original hard-codes them in the notebooks; the
 * presets give them values (thesis = the original, quick/tiny = STEPS.md's small configurations).
 */
export interface PipelineParams {
  /** Step 1 extras not expressible in the original YAML. */
  train: {
    /** Number of latent scatter snapshots during training (original 10). */
    snapshots: number;
    /**
     * Record the topology of a fixed evaluation batch (the first `batch` test images) after every
     * epoch: bottleneck distances between the persistence diagrams of its latent codes (flat torus) and
     * of its images, with the diagrams and a reconstruction strip at the end. Absent: not recorded.
     */
    topology?: { batch: number };
  };
  /** Step 2. */
  report: {
    /** Latent grid side n (n × n points over [−π, π]², both ends). Original 200. */
    grid: number;
    /** Histogram bins (original 200). */
    bins: number;
    /** Curvature route for the report: gauss (2nd-order jets) or intrinsic (3rd-order jets). */
    route: 'gauss' | 'intrinsic';
  };
  /** Step 3. */
  geodesics: {
    nMax: number;
    steps: number;
    epochs: number;
    lr: number;
    single: { from: [number, number]; to: [number, number] };
    /** Half side of the square grid (corners ±half). Original 2. */
    half: number;
    /** Number of vertical and horizontal interior geodesics each. Original 10. */
    lines: number;
  };
  /** Step 4. */
  embedding: {
    /** Grid nodes per side. Original 10. */
    nodes: number;
    half: number;
    nMax: number;
    steps: number;
    epochs: number;
    lr: number;
    rounds: number;
    iterations: number;
    sgdLr: number;
    weight: number;
    seed: number;
  };
  /** Step 6. */
  kmeans: {
    /** Points to cluster (⌊N/K⌋ per label). */
    n: number;
    nMax: number;
    steps: number;
    /** Centroid step: a fixed β (the original: 1e-4 at N = 300) or 'auto' (@curv/kmeans' N- and scale-free step). */
    beta: number | 'auto';
    lr: number;
    outer: number;
    inner: number;
    /** Setup numbers (= point-picking seeds); one K-means run each. */
    seeds: number[];
    /** Geodesic evaluation: decoded (through Ψ, like the original) or metricGrid (interpolated g). */
    mode: 'decoded' | 'metricGrid';
    /** Metric grid side for metricGrid mode. */
    metricGrid: number;
    /**
     * The original algorithm as shipped instead of @curv/kmeans' defaults: frozen geodesics (periodic
     * straight segments), Fréchet weight L_{i,0}, no re-seeding of empty clusters, and a fixed β ('auto'
     * becomes the original's 1e-4).
     */
    legacy: boolean;
    /** Snapshots of the K-means progress (curves, labels, centroids) for the octopus animation; 0: none. */
    frames: number;
  };
  /** Step 7. */
  clustering: {
    knn: number;
    grid: number;
  };
  /** Step 8: Chapter 4 evaluation, straight lines vs geodesics (`src/chapter4/`). */
  chapter4: {
    /** K random latent points (K(K−1)/2 pairs). Original 10. */
    points: number;
    /** `curv chapter4 --quick` settings (20 instead of 100 geodesic solver steps; 128 instead of 1024 AD vs FD centres). */
    quick: boolean;
    /**
     * Also run the AD vs FD evaluation: scalar curvature by exact jets vs finite-difference rhombus
     * minigrids over seven step sizes, and the timing of both per batch size.
     */
    adfd: boolean;
  };
  /** Step 9: diffusion curvature of the decoded cloud Ψ(z) vs the exact R/2 (`steps/step9DiffusionCurvature.ts`). */
  diffusion: {
    /** Latent points. Cost grows as n³. */
    n: number;
    /**
     * How the points are drawn: 'mixed' = half uniform on the torus, half data encodings; 'area' = uniform
     * by area on the decoded surface (what the estimator assumes).
     */
    sampling: 'mixed' | 'area';
    /** Target median support of the diffusion operator (below n). */
    graphKnn: number;
    /** First and last diffusion time (every integer in between). */
    times: [number, number];
    /** Seed of the latent sample and of the flat comparison samples. */
    seed: number;
    /** Side of the latent grid of the exact-curvature heat map. */
    grid: number;
  };
}
