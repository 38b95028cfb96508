import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { DataKitClient } from '../../../api/client.js';
import { DatakitCommand } from '../../../cli/baseCommand.js';
import { simpleExitCodes } from '../../../cli/exitCodeHelp.js';
import { dataSpaceFlag, kitNameFlag } from '../../../cli/flags.js';
import { parseComponentRef, refKey } from '../../../kits/componentRef.js';
import { kitComponents, requireInKit } from '../../../kits/components.js';
import { canAskDependencies, DependencyReader, type DependencyEdge } from '../../../kits/dependencies.js';
import { findKit } from '../../../kits/kits.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sfdatakit/plugin-datakit', 'datakit.component.dependencies');

export type DatakitComponentDependenciesResult = {
  kit: string;
  component: { type: string; name: string };
  recursive: boolean;
  dependencies: DependencyEdge[];
};

export default class DatakitComponentDependencies extends DatakitCommand<DatakitComponentDependenciesResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');
  public static readonly errorCodes = simpleExitCodes;

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    name: kitNameFlag,
    component: Flags.string({ char: 'c', summary: messages.getMessage('flags.component.summary'), required: true }),
    recursive: Flags.boolean({ char: 'r', summary: messages.getMessage('flags.recursive.summary') }),
    'data-space': dataSpaceFlag,
  };

  public async run(): Promise<DatakitComponentDependenciesResult> {
    const { flags } = await this.parse(DatakitComponentDependencies);
    const client = DataKitClient.forOrg(flags['target-org'], flags['api-version']);
    const ref = parseComponentRef(flags.component);

    const components = kitComponents(await findKit(client, flags.name, this.lookupContext(flags['target-org'])));
    const target = requireInKit(components, ref, flags.name);
    const component = { type: target.type, name: target.name };
    if (!canAskDependencies(component, true)) {
      this.info(messages.getMessage('info.notReported', [target.type]));
      return { kit: flags.name, component, recursive: flags.recursive, dependencies: [] };
    }
    const inKit = (r: { type: string; name: string }): boolean =>
      components.some((c) => c.type === r.type && c.name === r.name);
    const dependencies = await new DependencyReader(client, flags.name, flags['data-space']).walk(
      component,
      inKit,
      flags.recursive
    );

    // a tree: each edge under the component that needs it
    const children = new Map<string, DependencyEdge[]>();
    for (const e of dependencies) children.set(e.neededBy, [...(children.get(e.neededBy) ?? []), e]);
    const lines = [refKey(component)];
    const draw = (key: string, indent: string, seen: Set<string>): void => {
      const kids = children.get(key) ?? [];
      kids.forEach((e, i) => {
        const last = i === kids.length - 1;
        const note = e.inKit ? '' : `  ${messages.getMessage('info.notInKit')}`;
        lines.push(`${indent}${last ? '└─ ' : '├─ '}${refKey(e)}${note}`);
        if (!seen.has(refKey(e))) draw(refKey(e), indent + (last ? '   ' : '│  '), new Set([...seen, refKey(e)]));
      });
    };
    draw(refKey(component), '', new Set([refKey(component)]));
    if (dependencies.length === 0) lines.push(messages.getMessage('info.none'));
    this.log(lines.join('\n'));
    return { kit: flags.name, component, recursive: flags.recursive, dependencies };
  }
}
