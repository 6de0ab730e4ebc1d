/** Each command's own `--help` text (`curv <command> --help`). */
export const COMMAND_USAGE: Record<string, string> = {
  run: `Usage: curv run [--preset quick|thesis|topo|lso|ricci-flow] [--config FILE.yaml ...] [--steps 1-9] [--out DIR]
                [--set key=value ...] [--print-config] [--backend auto|wasm|cpu|tensorflow|tensorflow-gpu]
                [--force] [--quiet] [--verbose]

Runs the pipeline steps (1 train, 2 geometry report, 3 geodesics, 4 3-D embedding, 5 mesh,
6 Riemannian K-means, 7 flat baseline + F-measures, 8 Chapter 4 evaluation, 9 diffusion curvature vs exact curvature) of every experiment of the
preset, or of each --config file, into DIR/<experiment>/ (default DIR ./out). Current steps are skipped,
interrupted ones resumed; --force recomputes everything.

  --preset NAME        quick (default, a few minutes), thesis (the original configurations), topo (the
                       topological regulariser with and without), lso (Latent Space Oddity) or
                       ricci-flow (∫R², F and W compared on Synthetic Gaussians and the Swiss roll,
                       torus and Euclidean latent, λ_curv 0.01 and 0.1; ricci-flow-large: hours)
  --config FILE.yaml   run these experiment files instead of the preset's (repeatable)
  --steps LIST         steps to run, e.g. 1-9, 6-7 or 1,3,6-7
  --set key=value      change a step setting (repeatable), e.g. --set kmeans.mode=decoded
                       --set kmeans.seeds=0-9; after the YAML 'pipeline:' section; a changed
                       setting re-runs exactly the steps that read it
  --print-config       print the resolved configuration and step settings (JSON) and exit
  --out DIR            output folder (default ./out)

Thesis preset: K-means uses the metric-grid geodesic energy (kmeans.mode=metricGrid, ≈ 20–40 s per
setup) over 5 setups (kmeans.seeds=0-4; F-measures as mean ± std). --set kmeans.mode=decoded evaluates
geodesics through the decoder like the original code: measured ≈ 55–79 s per outer iteration of 2 inner
steps on 2 CPU cores, so the full 75 × 10 run takes ≈ 4–7 h per setup (add --set kmeans.seeds=0 for one).
`,
  geometry: `Usage: curv geometry --weights W.safetensors --points P.json [--route gauss|intrinsic|fd] [--out R.json]

Metric, Christoffel symbols and scalar curvature of a TorusAE's decoder at the latent points of P.json.
`,
  geodesic: `Usage: curv geodesic --weights W.safetensors --from z1,z2 --to z1,z2 [--points S] [--nmax N]
                     [--iters K] [--periodic] [--out G.json]

Geodesic between two latent points of a TorusAE (Schauder solver, Adam lr 0.01).
  --points S   points on the curve (default 100; --steps is a deprecated alias)
  --nmax N     Schauder levels (default 7)
  --iters K    Adam iterations (default 500)
  --periodic   start from the shortest periodic segment on the torus instead of the straight one
`,
  report: `Usage: curv report DIR/<experiment>

Rebuilds DIR/<experiment>/report.html from its manifest.json and prints its path.
`,
  results: `Usage: curv results DIR [--out FILE.md] [--note TEXT ...]

Markdown results page of a run folder written by curv run (or of one experiment folder): per experiment
test R², curvature statistics, geodesic/straight ratios, embedding errors, Riemannian vs flat F/ARI/NMI
per setup with mean ± std, AD vs FD accuracy and timing, diffusion curvature, with the settings, the
machine, Node version, backend and commit recorded in manifest.json and the wall time of every step.
Steps that did not run are listed as "not run". Without --out the page goes to stdout. Each --note
adds a paragraph at the top, marked as given (e.g. run conditions the manifests do not record).
`,
  'diffusion-curvature': `Usage: curv diffusion-curvature --points X.json [--dim d] [--graph-knn 150] [--method entropic|w1]
                                [--out K.json]

Diffusion curvature of every point of a point cloud (JSON array of N points).
`,
  chapter4: `Usage: curv chapter4 [--weights W.safetensors] [--out DIR] [--eval straight|adfd|all] [--points K]
                     [--centres N] [--quick]

Chapter 4 evaluation: straight lines vs geodesics between K random latent points.
`,
  persistence: `Usage: curv persistence --points X.json [--maxdim 0|1] [--periodic] [--threshold T] [--out D.json]

Vietoris–Rips persistence diagrams (H0, H1) of a point cloud.
`,
  'topo-synthetic': `Usage: curv topo-synthetic [--test 1|2|3] [--out DIR] [--steps N] [--seed S] [--quiet]

The synthetic topology-regularisation experiments.
`,
  'datasets-figures': `Usage: curv datasets-figures [--out DIR] [--n N] [--datasets mnist,synthetic,swissroll]
                             [--methods pca,pca3d,tsne,umap,lle] [--seed S]

PCA (2-D and 3-D), t-SNE, UMAP and LLE views of MNIST, Synthetic Gaussians and the Swiss roll, with
trustworthiness and continuity against the data.
`,
  lso: `Usage: curv lso [--out DIR] [--quick] [--backend B] [--quiet]

Latent Space Oddity: a Gaussian VAE with an RBF variance network on MNIST {0, 1} and a synthetic surface
with a hole; the expected metric, its geodesics (graph and Schauder solvers), random walks and the
comparison with a TorusAE's pull-back metric, in DIR/lso/ (same as curv run --preset lso).
`,
};

export const COMMANDS = Object.keys(COMMAND_USAGE);
