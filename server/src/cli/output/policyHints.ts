// Notes that point at a policy when the verdict of some findings rests on it. The spec cannot say
// whether a server rejects properties a schema does not declare (Stripe's does, at every depth; many
// ignore them), so those removals are warnings; a team whose server rejects them says so once.
import { ruleInfo, type Finding } from '../../engine/index';

export function policyHints(findings: readonly Finding[]): string[] {
  const onStrictServer = findings.filter((f) => f.level === 'warning' && ruleInfo(f.rule).when?.['strict-server']).length;
  if (onStrictServer === 0) return [];
  const [they, depend] = onStrictServer === 1 ? ['1 possibly breaking change', 'depends'] : [`${onStrictServer} possibly breaking changes`, 'depend'];
  return [
    `${they} ${depend} on whether the server rejects properties its schemas do not declare; if yours does, \`policies: {unknownProperties: rejected}\` in .breakwater.yaml reports them as breaking`,
  ];
}
