import * as vscode from 'vscode';
import type { Logger } from '../logger';
import { Disposable } from '../util/dispose';
import { renderShell, webviewOptions } from './webviewHtml';
import { panelIcon, receiveMessages } from './webviewMessages';

export interface SingletonPanelOptions {
  viewType: string;
  title: string;
  /** Bundle under dist/webview, without `.js`. */
  script: string;
  styles: string[];
}

/**
 * One webview panel of a kind (the dashboard, the roadmap map): opened or revealed by a command,
 * restored after a reload by its serializer, and fed a fresh snapshot whenever it is visible and its
 * data changes. Subclasses say how to build the snapshot and handle validated messages.
 */
export abstract class SingletonPanel<FromWebview extends { type: string }> extends Disposable implements vscode.WebviewPanelSerializer {
  private panel?: vscode.WebviewPanel;
  private ready = false;

  constructor(protected readonly extensionUri: vscode.Uri, protected readonly log: Logger, private readonly opts: SingletonPanelOptions, refreshOn: readonly vscode.Event<unknown>[]) {
    super();
    this._register(vscode.window.registerWebviewPanelSerializer(opts.viewType, this));
    for (const event of refreshOn) this._register(event(() => this.refresh()));
    this._register({ dispose: () => this.panel?.dispose() });
  }

  /** Validate a raw message from the webview (untrusted input). */
  protected abstract parse(raw: unknown): FromWebview | undefined;
  /** Handle a validated message other than `ready`. */
  protected abstract handle(msg: FromWebview): void | Promise<void>;
  /** The full snapshot to send: the webview always renders from scratch. */
  protected abstract snapshot(): unknown;

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      this.refresh();
      return;
    }
    this.attach(vscode.window.createWebviewPanel(this.opts.viewType, this.opts.title, vscode.ViewColumn.Active, webviewOptions(this.extensionUri)));
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    if (this.panel) return panel.dispose();
    panel.webview.options = webviewOptions(this.extensionUri);
    this.attach(panel);
  }

  /** Send a new snapshot if the panel is showing (hidden panels catch up when they become visible). */
  refresh(): void {
    if (!this.panel || !this.ready || !this.panel.visible) return;
    void this.panel.webview.postMessage(this.snapshot());
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    const subs = [
      panel.onDidDispose(() => {
        this.panel = undefined;
        subs.forEach((d) => d.dispose());
      }),
      panel.onDidChangeViewState((e) => e.webviewPanel.visible && this.refresh()),
      receiveMessages(panel.webview, this.opts.title, (raw) => this.parse(raw), (msg) => {
        if (msg.type !== 'ready') return this.handle(msg);
        this.ready = true;
        this.refresh();
      }, this.log),
    ];
    panel.iconPath = panelIcon(this.extensionUri, 'review');
    panel.webview.html = renderShell(panel.webview, this.extensionUri, { title: this.opts.title, script: this.opts.script, styles: this.opts.styles });
  }
}
