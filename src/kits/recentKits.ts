/*
 * Kits this machine created in the last minutes, per org: a real org may leave a new kit out of its list for a
 * few seconds (list lag), and a lookup right after a create should wait for it rather than say "not found".
 */
import { Global, TTLConfig } from '@salesforce/core';
import { Duration } from '@salesforce/kit';

type Created = { kit: string; orgId: string };

export class RecentKits extends TTLConfig<TTLConfig.Options, Created> {
  public static getFileName(): string {
    return 'datakit-recent-kits.json';
  }

  public static getDefaultOptions(): TTLConfig.Options {
    return {
      isGlobal: true,
      isState: true,
      filename: RecentKits.getFileName(),
      stateFolder: Global.SF_STATE_FOLDER,
      ttl: Duration.minutes(10),
    };
  }

  public static async remember(orgId: string, kit: string): Promise<void> {
    const recent = await RecentKits.create().catch(() => undefined);
    if (!recent) return;
    recent.set(`${orgId.slice(0, 15)}:${kit}`, { kit, orgId });
    await recent.write().catch(() => undefined);
  }

  public static async has(orgId: string, kit: string): Promise<boolean> {
    const recent = await RecentKits.create().catch(() => undefined);
    return recent?.has(`${orgId.slice(0, 15)}:${kit}`) ?? false;
  }
}
