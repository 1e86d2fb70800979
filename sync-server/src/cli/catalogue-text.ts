/** How the CLI shows a versioned catalogue (programs, rewards): the same words for both. */

export const scopeText = (stores: string[] | null): string =>
  stores === null ? 'every store' : stores.join(', ');

/** What `… retire <id>` says: how many versions it retired, or that there were none left. */
export const retiredText = (id: string, retired: number): string =>
  retired === 0
    ? `${id} was already retired.`
    : `Retired ${id} (${retired} version${retired === 1 ? '' : 's'}).`;
