// vi.waitFor's own limit: a condition (a file written in the background, a peer's answer) is waited
// on until it holds, or until just before the test's own deadline (20 s, for a hang), as
// expect.poll is (vite.config.ts). Vitest's default, 1 s, is a delay in disguise: a loaded
// two-core machine takes longer to write and flush a file.
export const UNTIL_IT_HOLDS = { timeout: 15_000, interval: 50 } as const;
