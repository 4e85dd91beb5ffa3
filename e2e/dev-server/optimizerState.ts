/** Where the dev-server tests' Vite config answers with the optimizer's dependencies (vite.config.ts here). */
export const OPTIMIZER_STATE_PATH = '/__liveroute-e2e/optimized-deps';
