import { splitTopLevel } from '../../model';

/** One argument of a routine as `pg_get_function_arguments` prints it, taken apart for `args: [{ … }]`. */
export interface PulledArgument {
  readonly mode: 'in' | 'out' | 'inout' | 'variadic';
  /** Unquoted name, or null. */
  readonly name: string | null;
  readonly type: string;
  /** The default expression, or null. */
  readonly default: string | null;
}

/** A type format_type prints in several words (then the first word is not an argument name). */
const MULTI_WORD_TYPE =
  /^(double precision|(character|bit) varying(\(\d+\))?|(timestamp|time)(\(\d+\))? with(out)? time zone|interval [a-z ]+(\(\d+\))?)(\[\])*$/;

/** The index of ` DEFAULT ` outside quotes and parentheses, or -1. */
function defaultIndex(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      i = end < 0 ? text.length : end;
    } else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && text.startsWith(' DEFAULT ', i)) return i;
  }
  return -1;
}

/** One argument: `[IN|OUT|INOUT|VARIADIC] [name] type [DEFAULT expr]`. */
function parseArgument(text: string): PulledArgument {
  let rest = text;
  let mode: PulledArgument['mode'] = 'in';
  const [prefix, word] = /^(IN|OUT|INOUT|VARIADIC) /.exec(rest) ?? [];
  if (prefix !== undefined && word !== undefined) {
    mode = word.toLowerCase() as PulledArgument['mode'];
    rest = rest.slice(prefix.length);
  }
  let dflt: string | null = null;
  const d = defaultIndex(rest);
  if (d >= 0) {
    dflt = rest.slice(d + ' DEFAULT '.length).trim();
    rest = rest.slice(0, d);
  }
  rest = rest.trim();
  let name: string | null = null;
  if (!MULTI_WORD_TYPE.test(rest)) {
    const [, written, type] = /^("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*) (.+)$/.exec(rest) ?? [];
    if (written !== undefined && type !== undefined) {
      name = written.startsWith('"') ? written.slice(1, -1).replace(/""/g, '"') : written;
      rest = type;
    }
  }
  return { mode, name, type: rest, default: dflt };
}

/** The arguments of `pg_get_function_arguments` output (`a integer, OUT b text DEFAULT 'x'::text`). */
export const parseRoutineArguments = (args: string): PulledArgument[] => splitTopLevel(args).map(parseArgument);
