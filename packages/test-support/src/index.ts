export {
  startFakeUpstream,
  type FakeUpstream,
  type FakeUpstreamOptions,
  type RecordedRequest,
} from './fake-upstream';
export { controlFake, fakeRequests } from './control';
export {
  chunk,
  defaultText,
  wordCount,
  type Flavor,
  type Scenario,
  type ScenarioError,
  type ScenarioUsage,
} from './scenario';
export { collectChunks, collectSse, parseSse } from './sse';
