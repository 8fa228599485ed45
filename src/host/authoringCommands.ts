import * as vscode from 'vscode';
import { scaffoldContentRoot } from '../core/content/scaffold';
import type { LessonPanelManager } from './panels/lessonPanel';
import type { ContentService } from './contentService';
import { settingId, settings } from './settings';

/** Open Authoring Guide and New Content Root...: from the content format to a working root of one's own. */
export function registerAuthoringCommands(extensionUri: vscode.Uri, content: ContentService, lessons: LessonPanelManager): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('mlLab.openAuthoringGuide', async () => {
      const guide = vscode.Uri.joinPath(extensionUri, 'docs', 'authoring.md');
      // the guide ships inside the extension: show it rendered, not as an editable file that an update overwrites
      await vscode.commands.executeCommand('markdown.showPreview', guide);
    }),
    // with { title, folder } (tests, other extensions) it asks nothing
    vscode.commands.registerCommand('mlLab.newContentRoot', async (arg?: unknown) => {
      const given = typeof arg === 'object' && arg !== null && typeof (arg as { title?: unknown }).title === 'string' && typeof (arg as { folder?: unknown }).folder === 'string'
        ? (arg as { title: string; folder: string })
        : undefined;
      const title = given?.title ?? await vscode.window.showInputBox({
        title: 'New Content Root (1/2): name the track',
        prompt: 'A track holds stages of lessons; its id is made from this name.',
        value: 'My Track',
        validateInput: (v) => (v.trim() ? undefined : 'A track needs a name'),
      });
      if (!title) return;
      const where = given ? [vscode.Uri.file(given.folder)] : await vscode.window.showOpenDialog({
        title: 'New Content Root (2/2): the folder that will hold it',
        canSelectFolders: true,
        canSelectFiles: false,
        openLabel: 'Create Content Here',
        defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
      });
      const root = where?.[0];
      if (!root) return;
      const files = scaffoldContentRoot(title.trim());
      for (const f of files) {
        const uri = vscode.Uri.joinPath(root, ...f.path.split('/'));
        const exists = await vscode.workspace.fs.stat(uri).then(() => true, () => false);
        if (exists) {
          void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(uri)} already exists; nothing was written. Choose another folder or track name.`);
          return;
        }
      }
      for (const f of files) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root, ...f.path.split('/')), new TextEncoder().encode(f.text));
      // add the root where the setting is defined now (a workspace value would hide a user-level one)
      const cfg = settings();
      const seen = cfg.inspect<string[]>('contentRoots');
      const [target, roots] = seen?.workspaceValue !== undefined
        ? [vscode.ConfigurationTarget.Workspace, seen.workspaceValue]
        : [vscode.ConfigurationTarget.Global, seen?.globalValue ?? []];
      if (!roots.includes(root.fsPath)) await cfg.update('contentRoots', [...roots, root.fsPath], target);
      content.reload();
      const lessonFile = files.find((f) => f.path.includes('/lessons/'))!;
      await vscode.window.showTextDocument(vscode.Uri.joinPath(root, ...lessonFile.path.split('/')), { preview: false });
      const lessonId = /^id: (.+)$/m.exec(lessonFile.text)![1];
      await lessons.open(lessonId, vscode.ViewColumn.Beside);
      if (given) return { root: root.fsPath, files: files.map((f) => f.path), lessonId };
      void vscode.window.showInformationMessage(`Created the track "${title.trim()}" in ${root.fsPath} and added it to ${settingId('contentRoots')}. Edit the lesson and its deck; problems show in the Problems panel as you save.`, 'Open Authoring Guide').then((a) => {
        if (a) void vscode.commands.executeCommand('mlLab.openAuthoringGuide');
      });
    }),
  );
}
