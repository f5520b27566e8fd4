/** The demo's models: the same generator at different speeds, so panes visibly race. */
export const DEMO_MODELS = [
  { id: 'demo-fast', label: 'Demo fast (simulated)', speed: 2 },
  { id: 'demo-balanced', label: 'Demo balanced (simulated)', speed: 1 },
  { id: 'demo-slow', label: 'Demo slow (simulated)', speed: 0.5 },
] as const;

export type DemoModel = (typeof DEMO_MODELS)[number];

export const DEMO_CONTEXT_WINDOW = 32_768;
