// An import's refusal in the user's words: what is wrong with the header,
// and each line at fault with its column, from the server's typed problems.
import type { DeviceError, ImportRefusal, Lang, LineProblem, Problem } from '../lib/types';
import { errorMessage, t, type Key } from '../lib/i18n';

/** One problem, as a sentence. */
export function problemText(lang: Lang, problem: Problem): string {
  if (problem.code === 'invalid') return errorMessage(lang, { kind: 'invalid', ...problem.error } as DeviceError);
  const vars: Record<string, unknown> = { ...problem };
  if (problem.code === 'not_on_the_list') vars.allowed = problem.allowed.join(', ');
  return t(lang, `import.${problem.code}` as Key, vars);
}

/** A line's problem, with where it is. */
export function lineText(lang: Lang, p: LineProblem): string {
  const where = p.column ? t(lang, 'import.lineColumn', { line: p.line, column: p.column }) : t(lang, 'import.line', { line: p.line });
  return `${where}: ${problemText(lang, p.problem)}`;
}

/** What is wrong with the header, or null if it is right. */
export function headerText(lang: Lang, refusal: ImportRefusal): string | null {
  const parts = [];
  if (refusal.missing.length > 0) parts.push(t(lang, 'import.missing', { columns: refusal.missing.join(', ') }));
  if (refusal.unknown.length > 0) parts.push(t(lang, 'import.unknown', { columns: refusal.unknown.join(', ') }));
  return parts.length === 0 ? null : parts.join(' ');
}
