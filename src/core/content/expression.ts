/**
 * A tiny arithmetic language for numeric cards: numbers (1.5, 2e9), names, + - * / ^ (right-assoc),
 * unary minus, parentheses and a fixed set of functions. Parsed once to an AST; never uses eval.
 */
export type Expr =
  | { k: 'num'; v: number }
  | { k: 'var'; name: string }
  | { k: 'neg'; e: Expr }
  | { k: 'bin'; op: '+' | '-' | '*' | '/' | '^'; a: Expr; b: Expr }
  | { k: 'call'; fn: string; args: Expr[] };

const FUNCTIONS: Record<string, (...x: number[]) => number> = {
  sqrt: Math.sqrt, log: Math.log, log2: Math.log2, log10: Math.log10, exp: Math.exp,
  ceil: Math.ceil, floor: Math.floor, round: Math.round, abs: Math.abs,
  min: Math.min, max: Math.max,
};
export const EXPRESSION_FUNCTIONS = Object.keys(FUNCTIONS);

/**
 * Names every plain object answers to (`constructor`, `toString`, `__proto__`...). Lookups here go
 * through own properties only, and parameters may not take these names, so content can never reach them.
 */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));
export function isPrototypeName(name: string): boolean {
  return PROTOTYPE_NAMES.has(name);
}

export class ExpressionError extends Error {}

export function parseExpression(src: string): Expr {
  const tokens = tokenize(src);
  let i = 0;
  const peek = () => tokens[i];
  const take = (t?: string) => {
    const tok = tokens[i];
    if (t !== undefined && tok !== t) throw new ExpressionError(`expected "${t}" but found ${tok === undefined ? 'the end' : `"${tok}"`} in "${src}"`);
    i++;
    return tok;
  };
  function primary(): Expr {
    const t = peek();
    if (t === undefined) throw new ExpressionError(`unexpected end of expression "${src}"`);
    if (t === '(') {
      take('(');
      const e = sum();
      take(')');
      return e;
    }
    if (t === '-') {
      take();
      return { k: 'neg', e: power() };
    }
    if (/^[0-9.]/.test(t)) {
      take();
      const v = Number(t);
      if (!Number.isFinite(v)) throw new ExpressionError(`bad number "${t}"`);
      return { k: 'num', v };
    }
    if (/^[A-Za-z_]/.test(t)) {
      take();
      if (peek() === '(') {
        if (!Object.hasOwn(FUNCTIONS, t)) throw new ExpressionError(`unknown function "${t}" (known: ${EXPRESSION_FUNCTIONS.join(', ')})`);
        take('(');
        const args = [sum()];
        while (peek() === ',') {
          take(',');
          args.push(sum());
        }
        take(')');
        return { k: 'call', fn: t, args };
      }
      return { k: 'var', name: t };
    }
    throw new ExpressionError(`unexpected "${t}" in "${src}"`);
  }
  function power(): Expr {
    const base = primary();
    if (peek() === '^') {
      take();
      return { k: 'bin', op: '^', a: base, b: unary() };
    }
    return base;
  }
  function unary(): Expr {
    if (peek() === '-') {
      take();
      return { k: 'neg', e: unary() };
    }
    return power();
  }
  function product(): Expr {
    let e = unary();
    while (peek() === '*' || peek() === '/') {
      const op = take() as '*' | '/';
      e = { k: 'bin', op, a: e, b: unary() };
    }
    return e;
  }
  function sum(): Expr {
    let e = product();
    while (peek() === '+' || peek() === '-') {
      const op = take() as '+' | '-';
      e = { k: 'bin', op, a: e, b: product() };
    }
    return e;
  }
  const e = sum();
  if (i < tokens.length) throw new ExpressionError(`unexpected "${tokens[i]}" in "${src}"`);
  return e;
}

function tokenize(src: string): string[] {
  const out: string[] = [];
  const re = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\*\*|[-+*/^(),]))/y;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) throw new ExpressionError(`unexpected character "${src.slice(pos).trim()[0]}" in "${src}"`);
    out.push(m[3] === '**' ? '^' : (m[1] ?? m[2] ?? m[3]));
    pos = re.lastIndex;
  }
  return out;
}

export function freeVariables(e: Expr, into = new Set<string>()): Set<string> {
  switch (e.k) {
    case 'num': break;
    case 'var': into.add(e.name); break;
    case 'neg': freeVariables(e.e, into); break;
    case 'bin': freeVariables(e.a, into); freeVariables(e.b, into); break;
    case 'call': e.args.forEach((a) => freeVariables(a, into)); break;
  }
  return into;
}

export function evaluate(e: Expr, env: Readonly<Record<string, number>>): number {
  switch (e.k) {
    case 'num': return e.v;
    case 'var': {
      const v = Object.hasOwn(env, e.name) ? env[e.name] : undefined;
      if (typeof v !== 'number') throw new ExpressionError(`unknown name "${e.name}"`);
      return v;
    }
    case 'neg': return -evaluate(e.e, env);
    case 'bin': {
      const a = evaluate(e.a, env);
      const b = evaluate(e.b, env);
      switch (e.op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return a / b;
        case '^': return a ** b;
      }
    }
    // eslint-disable-next-line no-fallthrough
    case 'call': return FUNCTIONS[e.fn](...e.args.map((a) => evaluate(a, env)));
  }
}

export function evaluateString(src: string, env: Readonly<Record<string, number>>): number {
  return evaluate(parseExpression(src), env);
}
