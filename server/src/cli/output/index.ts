import type { Format } from '../args';
import { renderGithub } from './github';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import type { Report } from './report';
import { renderSarif } from './sarif';
import { renderText } from './text';

export interface RenderEnv {
  colour: boolean;
  version: string;
  /** Where docs/rules.md is, for rule links. */
  docsUrl: string;
  /** Paths in the report are relative to this folder. */
  cwd: string;
}

export function render(format: Format, report: Report, env: RenderEnv): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report, env);
    case 'github':
      return renderGithub(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'text':
      return renderText(report, env.colour);
  }
}
