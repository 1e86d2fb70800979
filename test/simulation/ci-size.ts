/**
 * The CI-sized run (test/integration/simulation): 1,000 seeds of 12 steps, about 3 minutes on the
 * 2-core CI machine (0.18 s a seed: 70 ms to start the server and 4 tills, 8 ms a step, 25 ms to
 * heal and check the end). KASSA_SIM_SEEDS and KASSA_SIM_STEPS make it longer; the long run is
 * `npm run simulate -- --seeds 100000`.
 */
export const CI_SEEDS = Number(process.env.KASSA_SIM_SEEDS ?? 1_000);
export const CI_STEPS = Number(process.env.KASSA_SIM_STEPS ?? 12);

/** Beside them, a few long seeds: outages that outlast many sales, queues that grow. */
export const CI_DEEP_SEEDS = Number(process.env.KASSA_SIM_DEEP_SEEDS ?? 10);
export const CI_DEEP_STEPS = Number(process.env.KASSA_SIM_DEEP_STEPS ?? 150);
