/**
 * Artefact paths inside `DIR/<experiment>/`. Figures are written as `<base>.svg` and `<base>.png`.
 * Names follow the original notebooks where they exist, with PyTorch `.pt` files
 * replaced by safetensors / JSON.
 */
export const FILES = {
  // Step 1
  weights: 'ae_weights.safetensors',
  checkpoint: 'checkpoint.safetensors',
  lossHistory: 'losses_history.json',
  testLossHistory: 'losses_history_test.json',
  results: 'results.json',
  checkpoints: 'checkpoints',
  figLosses: 'figures/losses',
  figLatentHistory: (batch: number) => `figures/latent_space_history/latent_space_at_batch_${batch}`,
  figLatentFinal: 'figures/latent_space_final',
  figLatentHistoryStrip: 'figures/latent_space_history_strip',
  figDiagnostics: 'figures/diagnostics_history',
  // Step 2
  geometryData: 'geometry/curvature_on_data.json',
  geometryGrid: 'geometry/curvature_on_grid.json',
  geometryStats: 'geometry/curvature_stats.json',
  figLatentTest: 'figures/latent_space_test_data',
  figLatentTrain: 'figures/latent_space_train_data',
  figRecon: 'figures/recon_images',
  figReconLoss: 'figures/init_colors_recon_loss',
  figEncoderNorm: 'figures/encoder_Frobenius_norm',
  figHistData: 'figures/Curvature_functional_values_on_data_histogram',
  figHistGrid: 'figures/Curvature_functional_values_on_grid_histogram',
  figHeatmaps: 'figures/heatmaps_not_scaled',
  figCurvHeatmaps: 'figures/curvature_heatmaps',
  figMetricDetTrace: 'figures/metric_det_trace',
  figScalarCurvatureHeatmap: (name: string) => `figures/scalar_curvature_heatmap_${name}`,
  figManifoldCurvature: 'figures/manifold_plot_colored_by_curvature',
  figCurvatureHeatmap: 'figures/curvature_heatmap',
  figCurvatureHistData: 'figures/Curvature_values_on_data_histogram',
  figCurvatureHistGrid: 'figures/Curvature_values_on_grid_histogram',
  // Step 3
  geodesicSingle: 'geodesics/geodesic_bvp_single.json',
  geodesicGrid: 'geodesics/grid_geodesics.json',
  figGeodesicSingle: 'figures/geodesic_bvp_single',
  figGeodesicGrid: 'figures/grid_geodesics_Schauder',
  // Step 4
  embeddingLengths: 'embedding/edge_lengths.json',
  embeddedGrid: 'embedding/embedded_grid.json',
  figEmbedding: 'figures/3dembedding_plot_final',
  figEmbeddingLoss: 'figures/3dembedding_loss',
  // Step 5
  meshObj: 'embedding/mesh.obj',
  meshPly: 'embedding/mesh.ply',
  meshView: 'embedding/mesh_view.json',
  figMesh: 'figures/mesh_render',
  // Step 6
  kmeansDir: (seed: number) => `K_means_setup_${seed}`,
  // Step 7
  fMeasureStats: 'f_measure_stats.json',
  // Step 8 (Chapter 4; written by src/chapter4/)
  chapter4StraightLines: 'chapter4/straight_lines.json',
  // Step 9 (diffusion curvature of the decoded cloud vs exact R/2)
  diffusionCurvature: 'diffusion_curvature.json',
  figDiffusionScatter: 'figures/diffusion_curvature_vs_exact',
  figDiffusionHeatmaps: 'figures/diffusion_curvature_torus',
  figDiffusionEnergy: 'figures/diffusion_energy_curves',
  // Report
  report: 'report.html',
} as const;
