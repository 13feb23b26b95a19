import { c } from 'schemakit';

function compute(): number {
  const settings: { limit?: { max: number } } = {};
  return (settings.limit as { max: number }).max;
}

export const column = c.integer();
export const broken = compute();
