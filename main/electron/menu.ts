/** Installs the application menu (see menu-template.ts for what is in it). */
import { Menu } from 'electron';
import { menuTemplate, type MenuActions, type MenuContext } from './menu-template.js';

export type { MenuActions, MenuContext } from './menu-template.js';

export function installMenu(actions: MenuActions, context: MenuContext): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(actions, context)));
}
