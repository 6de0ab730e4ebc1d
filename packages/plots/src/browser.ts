// Browser entry of @curv/plots (export condition `browser`): every figure and the report. The Node entry
// (index.ts) re-exports all of this and adds the resvg PNG rasteriser (`toPng`).
export { type BarcodeData, type BarcodeOptions, barcode } from './barcode.js';
export { type Accessor, type Figure, figureBuilder } from './builder.js';
export {
  type CurvatureScatterData,
  type CurvatureScatterOptions,
  curvatureScatter,
} from './curvatureScatter.js';
export {
  type DecisionBoundaryData,
  type DecisionBoundaryOptions,
  decisionBoundary,
} from './decisionBoundary.js';
export {
  type EnergyCurve,
  type EnergyCurvesData,
  type EnergyCurvesOptions,
  energyCurves,
} from './energyCurves.js';
export {
  boxStats,
  type ErrorBoxPlotData,
  type ErrorBoxPlotOptions,
  errorBoxPlot,
  stepLabel,
} from './errorBoxPlot.js';
export { PlotInputError } from './errors.js';
export { type FigureGridOptions, figureGrid, svgSize } from './figureGrid.js';
export type { BaseOptions } from './frame.js';
export {
  type GeodesicCurve,
  type GeodesicPlotData,
  type GeodesicPlotOptions,
  geodesicPlot,
} from './geodesicPlot.js';
export { type GeometryHeatmapsData, geometryHeatmaps } from './geometryHeatmaps.js';
export { type HistogramData, type HistogramOptions, histogram } from './histogram.js';
export type { NumericArray } from './input.js';
export { type KmeansHistoryData, type KmeansHistoryOptions, kmeansHistory } from './kmeansHistory.js';
export {
  type FieldMapCurve,
  type LatentFieldMapData,
  type LatentFieldMapOptions,
  latentFieldMap,
} from './latentFieldMap.js';
export { type LatentScatterData, type LatentScatterOptions, latentScatter } from './latentScatter.js';
export { type LossCurvesData, type LossCurvesOptions, lossCurves } from './lossCurves.js';
export { type OctopusPlotData, type OctopusPlotOptions, octopusPlot } from './octopusPlot.js';
export {
  type PersistenceDiagramData,
  type PersistenceDiagramOptions,
  persistenceDiagram,
} from './persistenceDiagram.js';
export { gridTriangles, projectPoint, type View } from './projection.js';
export { encodePng } from './raster.js';
export {
  type ReconstructionStripData,
  type ReconstructionStripOptions,
  reconstructionStrip,
} from './reconstructionStrip.js';
export {
  flattenConfig,
  type ReportFigure,
  type ReportInput,
  type ReportSection,
  type ReportSurface,
  type ReportTable,
  report,
  resultsTable,
} from './report.js';
export type { ScaleType } from './scales.js';
export { type Scatter3dData, type Scatter3dOptions, scatter3d } from './scatter3d.js';
export type { HLine, Series } from './seriesPanel.js';
export { type SeriesPlotData, type SeriesPlotOptions, seriesPlot } from './seriesPlot.js';
export { hannSmooth, hannWindow, interpolateOntoTrainAxis } from './smoothing.js';
export { histogramCounts, meanStd, sturgesBins } from './stats.js';
export { type Surface3dData, type Surface3dOptions, surface3d } from './surface3d.js';
export { SURFACE_VIEWER_JS } from './surfaceViewer.js';
export { type Colormap, type ColormapName, colormap, FONT_FAMILY, OKABE_ITO, TABLEAU10 } from './theme.js';
export {
  defaultLinthresh,
  type TorusHeatmapData,
  type TorusHeatmapOptions,
  torusHeatmap,
} from './torusHeatmap.js';
