// `breakwater rules`: the registry as a table, JSON or the docs Markdown.
import { RULES, rulesMarkdown } from '../../engine/index';
import type { Format } from '../args';

export function renderRules(format: Format): string {
  if (format === 'json')
    return (
      JSON.stringify(
        RULES.map(({ id, level, direction, title }) => ({ id, level, direction, title })),
        null,
        2,
      ) + '\n'
    );
  if (format === 'markdown') return rulesMarkdown();
  const width = Math.max(...RULES.map((r) => r.id.length));
  return RULES.map((r) => `${r.id.padEnd(width)}  ${r.level.padEnd(7)}  ${r.direction.padEnd(8)}  ${r.title}`).join('\n') + '\n';
}
