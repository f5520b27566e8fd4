export { startFakeUpstream, controlFake, type FakeUpstream, type FakeUpstreamOptions, type RecordedRequest } from './fake-upstream';
export { defaultText, chunk, type Flavor, type Scenario } from './scenario';
export { collectSse } from './sse';
