import type { Format } from '../args';
import { renderGithub } from './github';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import type { Report } from './report';
import { renderSarif } from './sarif';
import { renderText } from './text';

export function render(format: Format, report: Report, env: { colour: boolean; version: string; docsUrl: string }): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report, env.version, env.docsUrl);
    case 'github':
      return renderGithub(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'text':
      return renderText(report, env.colour);
  }
}
