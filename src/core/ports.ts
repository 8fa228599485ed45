/** What core needs from the outside world, so it stays free of `vscode` and `node:fs`. */
export interface ContentSource {
  /** All files below a root (absolute paths), in any order. */
  listFiles(root: string): string[];
  readFile(path: string): string;
}
