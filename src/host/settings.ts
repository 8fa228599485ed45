import * as vscode from 'vscode';

/**
 * The settings' section. VS Code's Settings editor titles a setting from its key, so the section is
 * what a learner reads before every setting: `MLLearningLab` shows as "ML Learning Lab: Content
 * Roots", where the first releases' `mlLearningLab` showed "Ml Learning Lab".
 */
export const SECTION = 'MLLearningLab';
/** The section before the rename. Values set there are moved once (migrateLegacySettings). */
export const LEGACY_SECTION = 'mlLearningLab';

export const SETTING_KEYS = [
  'contentRoots', 'desiredRetention', 'maximumInterval', 'newCardsPerDay', 'maximumReviewsPerDay',
  'learningSteps', 'relearningSteps', 'fuzz', 'newCardsOnlyFromStartedLessons', 'sourceRoots',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** The keys a workspace or folder may set (the others are scoped to the application or the machine). */
const WORKSPACE_KEYS: ReadonlySet<SettingKey> = new Set(['contentRoots']);

/** `section.key` under the current name, for messages and affectsConfiguration. */
export const settingId = (key: SettingKey) => `${SECTION}.${key}`;

type Inspected = ReturnType<vscode.WorkspaceConfiguration['inspect']>;

function isSet(i: Inspected): boolean {
  return !!i && (i.globalValue !== undefined || i.workspaceValue !== undefined || i.workspaceFolderValue !== undefined);
}

/**
 * The extension's settings. Until the legacy values are moved (or if moving them failed, e.g. a
 * read-only settings file), a key set only under the old section is read from there, so nothing a
 * learner configured is ignored.
 */
export interface Settings extends Pick<vscode.WorkspaceConfiguration, 'inspect' | 'update'> {
  get<T>(key: SettingKey, fallback: T): T;
  get<T>(key: SettingKey): T | undefined;
}

export function settings(scope?: vscode.ConfigurationScope): Settings {
  const current = vscode.workspace.getConfiguration(SECTION, scope);
  const legacy = vscode.workspace.getConfiguration(LEGACY_SECTION, scope);
  const get = <T>(key: SettingKey, fallback?: T): T | undefined => {
    const source = !isSet(current.inspect(key)) && isSet(legacy.inspect(key)) ? legacy : current;
    return fallback === undefined ? source.get<T>(key) : source.get<T>(key, fallback);
  };
  return { get: get as Settings['get'], inspect: (k) => current.inspect(k), update: (k, v, t, o) => current.update(k, v, t, o) };
}

/** Does a configuration change touch the extension's settings (under either name)? */
export function affectsSettings(e: vscode.ConfigurationChangeEvent, key?: SettingKey): boolean {
  return e.affectsConfiguration(key ? settingId(key) : SECTION) || e.affectsConfiguration(key ? `${LEGACY_SECTION}.${key}` : LEGACY_SECTION);
}

/**
 * Move values set under the old section name to the new one, scope by scope (user, workspace,
 * each workspace folder), then remove the old ones. A value already set under the new name at a
 * scope wins, and the old one there is left in place rather than lost. Returns what was moved.
 */
export async function migrateLegacySettings(): Promise<string[]> {
  const moved: string[] = [];
  const scopes: { target: vscode.ConfigurationTarget; folder?: vscode.WorkspaceFolder; field: 'globalValue' | 'workspaceValue' | 'workspaceFolderValue'; where: string }[] = [
    { target: vscode.ConfigurationTarget.Global, field: 'globalValue', where: 'user settings' },
  ];
  if (vscode.workspace.workspaceFolders?.length) scopes.push({ target: vscode.ConfigurationTarget.Workspace, field: 'workspaceValue', where: 'workspace settings' });
  // folder settings exist on their own only in a multi-root workspace (in a single folder they are the workspace's)
  if (vscode.workspace.workspaceFile) {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      scopes.push({ target: vscode.ConfigurationTarget.WorkspaceFolder, folder, field: 'workspaceFolderValue', where: `folder settings of ${folder.name}` });
    }
  }
  for (const scope of scopes) {
    const legacy = vscode.workspace.getConfiguration(LEGACY_SECTION, scope.folder?.uri);
    const current = vscode.workspace.getConfiguration(SECTION, scope.folder?.uri);
    for (const key of SETTING_KEYS) {
      if (scope.target !== vscode.ConfigurationTarget.Global && !WORKSPACE_KEYS.has(key)) continue;
      const old = legacy.inspect(key)?.[scope.field];
      if (old === undefined) continue;
      if (current.inspect(key)?.[scope.field] !== undefined) continue;
      await current.update(key, old, scope.target);
      await legacy.update(key, undefined, scope.target);
      moved.push(`${LEGACY_SECTION}.${key} → ${settingId(key)} (${scope.where})`);
    }
  }
  return moved;
}
