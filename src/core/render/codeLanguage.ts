/** Fence names lessons use that are not VS Code language ids themselves (the renderer's highlight.js aliases and a few more). */
const ALIASES: Readonly<Record<string, string>> = {
  py: 'python', python3: 'python', py3: 'python',
  ts: 'typescript', js: 'javascript',
  sh: 'shellscript', bash: 'shellscript', shell: 'shellscript', console: 'shellscript', zsh: 'shellscript',
  'c++': 'cpp', cuda: 'cuda-cpp', h: 'c', hpp: 'cpp',
  yml: 'yaml', md: 'markdown', rs: 'rust',
  text: 'plaintext', txt: 'plaintext',
};

/**
 * The VS Code language id for a fence's language name (`py` → `python`, `sh` → `shellscript`),
 * or `plaintext` when there is none. The host still checks the id against the installed languages.
 */
export function editorLanguageId(fence: string | undefined): string {
  const name = fence?.trim().toLowerCase() ?? '';
  if (!name) return 'plaintext';
  return ALIASES[name] ?? name;
}
