/** Typed wrapper over `acquireVsCodeApi` (which may be called once per webview). */
interface VsCodeApi<S> {
  postMessage(msg: unknown): void;
  getState(): S | undefined;
  setState(state: S): void;
}
declare function acquireVsCodeApi<S>(): VsCodeApi<S>;

export function createApi<ToHost, State>(): { post(msg: ToHost): void; getState(): State | undefined; setState(s: State): void } {
  const api = acquireVsCodeApi<State>();
  return {
    post: (msg) => api.postMessage(msg),
    getState: () => api.getState(),
    setState: (s) => api.setState(s),
  };
}

/** Startup values the host put in `<body data-settings>`. */
export function settings(): Record<string, string> {
  try {
    return JSON.parse(document.body.dataset.settings ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

/** Forward uncaught errors to the host log so they are not lost in the webview devtools. */
export function forwardErrors(report: (message: string) => void): void {
  window.addEventListener('error', (e) => report(`${e.message} (${e.filename}:${e.lineno})`));
  window.addEventListener('unhandledrejection', (e) => report(String((e as PromiseRejectionEvent).reason)));
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

export function isDarkTheme(): boolean {
  const cls = document.body.classList;
  return cls.contains('vscode-dark') || (cls.contains('vscode-high-contrast') && !cls.contains('vscode-high-contrast-light'));
}
