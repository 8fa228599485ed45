import { describe, expect, it } from 'vitest';
import { findCodeRefs, parseCodeRef } from '../../src/core/sources/codeRef';
import { findSymbol } from '../../src/core/sources/symbolSearch';

describe('parseCodeRef', () => {
  it('reads repository, path, symbol and lines', () => {
    expect(parseCodeRef('code:openhands/openhands/events/stream.py#EventStream.add_event')).toEqual({ repo: 'openhands', path: 'openhands/events/stream.py', symbol: 'EventStream.add_event' });
    expect(parseCodeRef('code:openhands/openhands/core/main.py#L51-L120')).toEqual({ repo: 'openhands', path: 'openhands/core/main.py', lines: { start: 51, end: 120 } });
    expect(parseCodeRef('code:openhands/openhands/core/main.py#run_controller@L51-L60')).toEqual({ repo: 'openhands', path: 'openhands/core/main.py', symbol: 'run_controller', lines: { start: 51, end: 60 } });
    expect(parseCodeRef('code:vllm/vllm/attention/x.py#def%20forward')).toMatchObject({ symbol: 'def forward' });
  });

  it('rejects paths that climb out of the repository and bad ranges', () => {
    expect(parseCodeRef('code:r/../etc/passwd')).toBeUndefined();
    expect(parseCodeRef('code:r//abs')).toBeUndefined();
    expect(parseCodeRef('code:r/a.py#L9-L3')).toBeUndefined();
    expect(parseCodeRef('code:R/a.py')).toBeUndefined();
  });

  it('finds references in markdown with their lines', () => {
    const md = 'a\n[x](code:r/a.py#f) and [y](code:r/b.py#L3)\n\n[z](code:bad)';
    expect(findCodeRefs(md, 10).map((r) => [r.line, r.url, !!r.ref.repo])).toEqual([[11, 'code:r/a.py#f', true], [11, 'code:r/b.py#L3', true], [13, 'code:bad', false]]);
  });
});

const PY = `import os


class EventStream(EventStore):
    secrets: dict

    def __init__(self, sid: str,
                 file_store):
        self.sid = sid

    async def add_event(self, event, source):
        if event.id is not None:
            raise ValueError('x')
        self._queue.put(event)

    def close(self):
        pass


def add_event(x):
    return x
`;

const TS = `export class Store {
  private items = [];

  rate(cardId: string, rating: number): void {
    if (x) {
      y();
    }
  }
}

export function rate(a: number) {
  return a;
}
`;

describe('findSymbol', () => {
  it('finds classes, methods inside their class, and functions, with block ends', () => {
    expect(findSymbol(PY, 'EventStream')).toEqual({ line: 4, endLine: 17, how: 'definition' });
    expect(findSymbol(PY, 'EventStream.add_event')).toEqual({ line: 11, endLine: 14, how: 'definition' });
    expect(findSymbol(PY, 'EventStream.__init__')).toEqual({ line: 7, endLine: 9, how: 'definition' });
    expect(findSymbol(PY, 'add_event')).toEqual({ line: 11, endLine: 14, how: 'definition' });
  });

  it('finds TypeScript classes, methods and functions', () => {
    expect(findSymbol(TS, 'Store.rate')).toEqual({ line: 4, endLine: 8, how: 'definition' });
    expect(findSymbol(TS, 'rate')).toMatchObject({ line: 11, endLine: 13 }); // a bare name prefers a function over a method
    expect(findSymbol(TS, 'Store')).toEqual({ line: 1, endLine: 9, how: 'definition' });
  });

  it('keeps a class block open across a triple-quoted string with lines at column 0', () => {
    const src = 'class Runtime:\n    def prompt(self):\n        return """\nText at column 0\n"""\n\n    def run_action(self):\n        pass\n\n\ndef other():\n    pass\n';
    expect(findSymbol(src, 'Runtime.run_action')).toEqual({ line: 7, endLine: 8, how: 'definition' });
    expect(findSymbol(src, 'Runtime')).toMatchObject({ line: 1, endLine: 8 });
  });

  it('picks the definition nearest a given line when a name is defined twice', () => {
    const twice = 'def run():\n    pass\n\n\ndef run():\n    return 1\n';
    expect(findSymbol(twice, 'run')?.line).toBe(1);
    expect(findSymbol(twice, 'run', 5)?.line).toBe(5);
  });

  it('finds C++ and CUDA function definitions (templated, qualified, multi-line), not calls or declarations', () => {
    const cpp = [
      '// helpers',
      'inline int num_splits(int a, int b);',
      'inline int num_splits(int a, int b) {',
      '    return a / b;',
      '}',
      'template<typename T, bool Is_causal>',
      'inline __device__ void compute_block(const T &params, const int bidb,',
      '                                     const int m_block) {',
      '    int n = num_splits(1, 2);',
      '    return compute_other(params,',
      '                         bidb);',
      '}',
      'void Runner::run_fwd(Flash_params &params, cudaStream_t stream) {',
      '    FLASH_NAMESPACE::compute_block<T, true>(params, 0, 0);',
      '}',
      'static std::vector<at::Tensor> *make_tensors(int n) {',
      '    return nullptr;',
      '}',
      'std::tuple<at::Tensor, at::Tensor> set_split(Flash_params &params,',
      '    const int n) {',
      '    return {};',
      '}',
      'void use() {',
      '    std::tie(a, b) =',
      '        set_split(params,',
      '                  0);',
      '}',
    ].join('\n');
    expect(findSymbol(cpp, 'num_splits')).toEqual({ line: 3, endLine: 5, how: 'definition' });
    expect(findSymbol(cpp, 'compute_block')).toEqual({ line: 7, endLine: 12, how: 'definition' });
    expect(findSymbol(cpp, 'run_fwd')).toEqual({ line: 13, endLine: 15, how: 'definition' });
    expect(findSymbol(cpp, 'make_tensors')).toEqual({ line: 16, endLine: 18, how: 'definition' });
    // a call's continuation line starting with the name is not taken for the definition
    expect(findSymbol(cpp, 'set_split')).toEqual({ line: 19, endLine: 22, how: 'definition' });
    // a name that only appears in a multi-line `return` call is text, not a definition
    expect(findSymbol(cpp, 'compute_other')).toEqual({ line: 10, endLine: 10, how: 'text' });
  });

  it('falls back to text, and reports a missing symbol', () => {
    expect(findSymbol(PY, "raise ValueError('x')")).toEqual({ line: 13, endLine: 13, how: 'text' });
    expect(findSymbol(PY, 'EventStream.missing_method')).toBeUndefined();
    expect(findSymbol(PY, 'Nope')).toBeUndefined();
  });
});
