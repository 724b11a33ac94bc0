/**
 * `@ondeck/shared/testkit`: what tests, benchmarks and fixtures use, kept out of the runtime
 * entry (`@ondeck/shared`) that the app and the server start from — the event generator, the
 * Showcase YAML fixture importer, a y-websocket wire peer and a tone WAV.
 */
export { type GenerateOptions, generateEvent } from './generator/generate.ts';
export { generateMarks } from './generator/marks.ts';
export { toneWav } from './generator/tone.ts';
export type { ShowcaseImport, ShowcaseImportOptions } from './import/showcase.ts';
export { importShowcaseFixtures, readShowcaseFixtures } from './import/showcaseFixtures.ts';
export type { ServerFrame } from './protocol/wire.ts';
export {
  connectPeers,
  type WebSocketConstructor,
  type WebSocketLike,
  WirePeer,
} from './protocol/wirePeer.ts';
export { type Random, seededRandom } from './random.ts';
