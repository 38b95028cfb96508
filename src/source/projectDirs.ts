/*
 * Where kit source lives when no folder is given: the sfdx project's package directories, else force-app.
 * Relative to the current folder, so messages show the paths people type.
 */
import { relative } from 'node:path';
import { SfProject } from '@salesforce/core';

const shown = (path: string): string => relative(process.cwd(), path) || '.';
export async function defaultSourceDirs(): Promise<string[]> {
  try {
    const project = await SfProject.resolve();
    return project.getUniquePackageDirectories().map((p) => shown(p.fullPath));
  } catch {
    return ['force-app'];
  }
}

/** The project's default package directory, where a retrieve writes. */
export async function defaultOutputDir(): Promise<string> {
  try {
    return shown((await SfProject.resolve()).getDefaultPackage().fullPath);
  } catch {
    return 'force-app';
  }
}
