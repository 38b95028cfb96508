/*
 * The hook's payload names the org only by id. Find the sf login for it: --target-org in argv, else the
 * default target-org, else any stored login with that org id.
 */
import { AuthInfo, Messages, Org } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'hooks');

function targetOrgFromArgv(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-o' || a === '--target-org') return argv[i + 1];
    if (a.startsWith('--target-org=')) return a.slice('--target-org='.length);
    if (a.startsWith('-o=')) return a.slice(3);
  }
  return undefined;
}

const sameOrg = (a: string | undefined, b: string): boolean => Boolean(a) && a!.slice(0, 15) === b.slice(0, 15);

export async function resolveOrgForDeploy(argv: string[], orgId: string): Promise<Org> {
  const named = targetOrgFromArgv(argv);
  for (const attempt of [named, undefined]) {
    try {
      const org = await Org.create(attempt ? { aliasOrUsername: attempt } : {});
      if (sameOrg(org.getOrgId(), orgId)) return org;
    } catch {
      // no such alias, or no default org: try the next way
    }
    if (!named) break;
  }
  const auths = await AuthInfo.listAllAuthorizations((a) => sameOrg(a.orgId, orgId));
  if (auths.length === 0) throw new Error(messages.getMessage('reason.noLogin', [orgId]));
  return Org.create({ aliasOrUsername: auths[0].username });
}
