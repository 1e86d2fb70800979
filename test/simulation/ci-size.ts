/**
 * The CI-sized run (test/integration/simulation): as many seeds as fit in about a minute on the
 * 2-core CI machine. KASSA_SIM_SEEDS and KASSA_SIM_STEPS make it longer.
 */
export const CI_SEEDS = Number(process.env.KASSA_SIM_SEEDS ?? 60);
export const CI_STEPS = Number(process.env.KASSA_SIM_STEPS ?? 60);
