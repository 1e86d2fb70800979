/**
 * "Johanna de Vries" → "J. de V…": enough for a cashier to greet, too little to identify. The one
 * rule, used by the server's member read model and by the till for a member it just enrolled.
 */
export function maskName(fullName: string): string {
  const parts = fullName.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '…';
  const first = `${(parts[0] as string).charAt(0).toUpperCase()}.`;
  if (parts.length === 1) return first;
  const last = parts[parts.length - 1] as string;
  const middle = parts.slice(1, -1).filter((p) => p === p.toLowerCase());
  return [first, ...middle, `${last.charAt(0).toUpperCase()}…`].join(' ');
}
