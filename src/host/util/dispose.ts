import type * as vscode from 'vscode';

/** Owns registrations and disposes them together (markdown-language-features' pattern). */
export abstract class Disposable implements vscode.Disposable {
  private readonly _disposables: vscode.Disposable[] = [];
  protected _isDisposed = false;

  protected _register<T extends vscode.Disposable>(d: T): T {
    if (this._isDisposed) d.dispose();
    else this._disposables.push(d);
    return d;
  }

  dispose(): void {
    if (this._isDisposed) return;
    this._isDisposed = true;
    while (this._disposables.length) {
      try {
        this._disposables.pop()!.dispose();
      } catch {
        // one failing disposal must not leak the rest
      }
    }
  }
}
