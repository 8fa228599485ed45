/** The slice of LogOutputChannel the host uses, so helpers can log without depending on vscode types. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}
