export type {
  FixtureActivation,
  FixtureDecoder,
  FixtureDenseLayer,
  FixtureLayer,
  SinMlpOptions,
} from './sinMlpDecoder.js';
export { disposeDecoder, sinMlpDecoder, sinMlpFunction } from './sinMlpDecoder.js';
export {
  flatTorus,
  lobachevsky,
  lobachevskyR,
  polynomial,
  pseudosphere,
  sphere,
  torusOfRevolution,
  torusR,
} from './surfaces.js';
