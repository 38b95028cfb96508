import { expect } from 'chai';
import type { SfError } from '@salesforce/core';
import { largeOrg } from '@sfdatakit/org-emulator';
import { useEmulator } from '@sfdatakit/org-emulator/testing';
import { OrgWriter } from '../../../src/api/writer.js';
import DatakitComponentAdd from '../../../src/commands/datakit/component/add.js';
import DatakitComponentDependencies from '../../../src/commands/datakit/component/dependencies.js';
import DatakitComponentList from '../../../src/commands/datakit/component/list.js';
import DatakitComponentRemove from '../../../src/commands/datakit/component/remove.js';
import { printed, useEmulatorOrg } from '../../support/org.js';

const names = (kit: { components: Array<{ type: string; info: { name: string } }> } | undefined): string[] =>
  (kit?.components ?? []).map((c) => `${c.type}:${c.info.name}`);

describe('datakit component', () => {
  const emulator = useEmulator();
  const org = useEmulatorOrg(emulator);
  const kit = (name: string) => emulator.current.state.kits.get(name);
  const patches = () => emulator.current.state.requests.filter((r) => r.method === 'PATCH');

  describe('list', () => {
    it("lists a kit's components in deployment order", async () => {
      const result = await DatakitComponentList.run(['-o', org.username(), '--name', 'Marketing_Activation']);
      expect(result.components.map((c) => `${c.order}:${c.name}`)).to.deep.equal([
        '1:High_Value_Customers__cio',
        '2:Customer_Identity_Ruleset',
        '3:High_Value_Segment',
        '4:Marketing_Cloud_Target',
        '5:High_Value_Activation',
      ]);
    });

    it('lists available components of a type, any spelling, leaving out what the kit has', async () => {
      const result = await DatakitComponentList.run([
        '-o',
        org.username(),
        '--available',
        '--type',
        'MktDataLakeObject',
        '--name',
        'Retail_Core',
      ]);
      expect(result.components.map((c) => c.name)).to.deep.equal(['Mobile_Engagement__dll', 'Web_Events__dll']);
      expect(emulator.current.state.requests.at(-1)?.query).to.include('componentType=DataLakeObject');
    });

    it('requires --name or --available', async () => {
      const err = await DatakitComponentList.run(['-o', org.username()]).catch((e: SfError) => e);
      expect((err as SfError).name).to.equal('NameOrAvailableError');
    });

    it('names an unknown --type with suggestions', async () => {
      const err = await DatakitComponentList.run([
        '-o',
        org.username(),
        '--available',
        '--type',
        'DataLakeObjects',
      ]).catch((e: SfError) => e);
      expect((err as SfError).message).to.include('Did you mean: DataLakeObject');
    });
  });

  describe('list --available on a large org', () => {
    beforeEach(() => {
      emulator.current.state.reset();
      emulator.current.state.seed(largeOrg);
    });

    it('walks every page: all 582 components, 200 per request', async () => {
      const result = await DatakitComponentList.run(['-o', org.username(), '--available', '--json']);
      expect(result.total).to.equal(emulator.current.state.catalog.length).and.to.be.above(500);
      const pages = emulator.current.state.requests.filter((r) => r.path.endsWith('available-components'));
      expect(pages.map((p) => new URLSearchParams(p.query).get('offset'))).to.deep.equal(['0', '200', '400']);
      expect(pages.every((p) => new URLSearchParams(p.query).get('limit') === '200')).to.equal(true);
    });
  });

  describe('add', () => {
    it('adds to the existing set without changing anything else', async () => {
      const before = names(kit('Retail_Core'));
      const result = await DatakitComponentAdd.run([
        '-o',
        org.username(),
        '-n',
        'Retail_Core',
        '-c',
        'DLO:Web_Events__dll',
      ]);
      expect(result.added).to.deep.equal([{ type: 'DataLakeObject', name: 'Web_Events__dll' }]);
      const after = names(kit('Retail_Core'));
      expect(after.filter((n) => n !== 'DataLakeObject:Web_Events__dll')).to.have.members(before);
      expect(
        kit('Retail_Core')?.components.find((c) => c.info.name === 'Salesforce_CRM_Bundle')?.info.streams
      ).to.have.length(2);
    });

    it('warns about dependencies that are not in the kit, and orders the kit so they would deploy first', async () => {
      const result = await DatakitComponentAdd.run([
        '-o',
        org.username(),
        '-n',
        'Web_Engagement',
        '-c',
        'DataTransform:Orders_Cleanup',
      ]);
      expect(result.missingDependencies).to.deep.equal([
        { type: 'DataLakeObject', name: 'Orders_S3__dll', neededBy: 'DataTransform:Orders_Cleanup' },
      ]);
      expect(printed(org.ux())).to.include('Orders_S3__dll').and.include('--with-dependencies');
    });

    it('--with-dependencies adds the whole chain and puts each dependency before what needs it', async () => {
      const result = await DatakitComponentAdd.run([
        '-o',
        org.username(),
        '-n',
        'Web_Engagement',
        '-c',
        'DataTransform:Orders_Cleanup',
        '--with-dependencies',
      ]);
      expect(result.dependenciesAdded).to.deep.equal([
        { type: 'DataLakeObject', name: 'Orders_S3__dll' },
        { type: 'DataStreamBundle', name: 'S3_Orders_Bundle' },
      ]);
      expect(result.missingDependencies).to.deep.equal([]);
      const order = names(kit('Web_Engagement'));
      expect(order.indexOf('DataStreamBundle:S3_Orders_Bundle')).to.be.below(
        order.indexOf('DataLakeObject:Orders_S3__dll')
      );
      expect(order.indexOf('DataLakeObject:Orders_S3__dll')).to.be.below(order.indexOf('DataTransform:Orders_Cleanup'));
    });

    it('orders a dependency added after its dependant before it', async () => {
      await DatakitComponentAdd.run(['-o', org.username(), '-n', 'Web_Engagement', '-c', 'DLO:Orders_S3__dll']);
      await DatakitComponentAdd.run([
        '-o',
        org.username(),
        '-n',
        'Web_Engagement',
        '-c',
        'DataStreamBundle:S3_Orders_Bundle',
      ]);
      const order = names(kit('Web_Engagement'));
      expect(order.indexOf('DataStreamBundle:S3_Orders_Bundle')).to.be.below(
        order.indexOf('DataLakeObject:Orders_S3__dll')
      );
    });

    it('says what is already there and writes nothing', async () => {
      const result = await DatakitComponentAdd.run([
        '-o',
        org.username(),
        '-n',
        'Retail_Core',
        '-c',
        'DataLakeObject:Orders_S3__dll',
      ]);
      expect(result.alreadyInKit).to.have.length(1);
      expect(patches()).to.have.length(0);
    });

    it('an unknown component fails with suggestions and the kit is unchanged', async () => {
      const before = names(kit('Retail_Core'));
      const err = await DatakitComponentAdd.run([
        '-o',
        org.username(),
        '-n',
        'Retail_Core',
        '-c',
        'DLO:Web_Event__dll',
        '-c',
        'DLO:Mobile_Engagement__dll',
      ]).catch((e: SfError) => e);
      expect((err as SfError).message)
        .to.include('DataLakeObject:Web_Event__dll')
        .and.include('Did you mean: DataLakeObject:Web_Events__dll');
      expect(names(kit('Retail_Core'))).to.deep.equal(before);
      expect(patches()).to.have.length(0);
    });

    it('an unknown kit fails with suggestions', async () => {
      const err = await DatakitComponentAdd.run([
        '-o',
        org.username(),
        '-n',
        'RetailCore',
        '-c',
        'DLO:Web_Events__dll',
      ]).catch((e: SfError) => e);
      expect((err as SfError).message).to.include('Did you mean: Retail_Core');
    });

    describe('two at once (PATCH replaces the whole set)', () => {
      beforeEach(() => (process.env.SF_DATAKIT_SETTLE_MS = '150'));
      afterEach(() => (process.env.SF_DATAKIT_SETTLE_MS = '0'));

      it('two concurrent adds both end up in the kit: each write is read back and merged again when it was lost', async () => {
        // both must read the set before either writes, whatever the machine's load: the first write waits for the
        // second one to be ready (at most 5 s), so one of them is lost and merged again
        const write = OrgWriter.prototype.replaceComponents;
        let arrived = 0;
        let release: () => void = () => {};
        const bothReady = new Promise<void>((resolve) => {
          release = resolve;
          setTimeout(resolve, 5000).unref();
        });
        org.$$.SANDBOX.stub(OrgWriter.prototype, 'replaceComponents').callsFake(async function (
          this: OrgWriter,
          ...args: Parameters<OrgWriter['replaceComponents']>
        ) {
          arrived += 1;
          if (arrived === 2) release();
          await bothReady;
          return write.apply(this, args);
        });
        const [a, b] = await Promise.all([
          DatakitComponentAdd.run(['-o', org.username(), '-n', 'Web_Engagement', '-c', 'DLO:Orders_S3__dll']),
          DatakitComponentAdd.run(['-o', org.username(), '-n', 'Web_Engagement', '-c', 'DLO:Mobile_Engagement__dll']),
        ]);
        expect(a.added.map((c) => c.name)).to.deep.equal(['Orders_S3__dll']);
        expect(b.added.map((c) => c.name)).to.deep.equal(['Mobile_Engagement__dll']);
        expect(names(kit('Web_Engagement'))).to.include.members([
          'DataLakeObject:Orders_S3__dll',
          'DataLakeObject:Mobile_Engagement__dll',
          'DataStreamBundle:Web_Events_Bundle',
        ]);
        // both read the same set, so at least one write was lost at first and written again
        expect(patches().length).to.be.at.least(3);
      });

      it('an add and a remove at once both take effect', async () => {
        await Promise.all([
          DatakitComponentAdd.run(['-o', org.username(), '-n', 'Retail_Core', '-c', 'DLO:Web_Events__dll']),
          DatakitComponentRemove.run([
            '-o',
            org.username(),
            '-n',
            'Retail_Core',
            '-c',
            'CI:Customer_Lifetime_Value__cio',
          ]),
        ]);
        expect(names(kit('Retail_Core')))
          .to.include('DataLakeObject:Web_Events__dll')
          .and.not.include('CalculatedInsight:Customer_Lifetime_Value__cio');
      });
    });
  });

  describe('remove', () => {
    it('removes only what is named', async () => {
      const before = names(kit('Retail_Core'));
      const result = await DatakitComponentRemove.run([
        '-o',
        org.username(),
        '-n',
        'Retail_Core',
        '-c',
        'CI:Customer_Lifetime_Value__cio',
      ]);
      expect(result.removed).to.deep.equal([{ type: 'CalculatedInsight', name: 'Customer_Lifetime_Value__cio' }]);
      expect(names(kit('Retail_Core'))).to.deep.equal(
        before.filter((n) => n !== 'CalculatedInsight:Customer_Lifetime_Value__cio')
      );
    });

    it('a component not in the kit fails with the closest names and changes nothing', async () => {
      const err = await DatakitComponentRemove.run([
        '-o',
        org.username(),
        '-n',
        'Retail_Core',
        '-c',
        'DLO:Orders_S3_dll',
      ]).catch((e: SfError) => e);
      expect((err as SfError).name).to.equal('ComponentNotInKitError');
      expect((err as SfError).message).to.include('Did you mean: DataLakeObject:Orders_S3__dll');
      expect(patches()).to.have.length(0);
    });

    it('warns when a removed component stays deployed, and when others in the kit need it', async () => {
      const result = await DatakitComponentRemove.run([
        '-o',
        org.username(),
        '-n',
        'Web_Engagement',
        '-c',
        'DataStreamBundle:Web_Events_Bundle',
      ]);
      expect(result.stillDeployed).to.deep.equal([
        { type: 'DataStreamBundle', name: 'Web_Events_Bundle', status: 'ACTIVE' },
      ]);
      expect(result.brokenDependencies).to.deep.equal([
        { type: 'DataLakeObject', name: 'Web_Events__dll', needs: 'DataStreamBundle:Web_Events_Bundle' },
      ]);
      expect(printed(org.ux())).to.include('does not undeploy it');
    });
  });

  describe('dependencies', () => {
    it('shows a recursive tree, marking what is outside the kit', async () => {
      const result = await DatakitComponentDependencies.run([
        '-o',
        org.username(),
        '-n',
        'Marketing_Activation',
        '-c',
        'MarketSegmentActivation:High_Value_Activation',
        '--recursive',
      ]);
      const edges = result.dependencies.map((d) => `${d.depth} ${d.type}:${d.name}${d.inKit ? '' : ' (out)'}`);
      expect(edges).to.deep.equal([
        '1 MarketSegment:High_Value_Segment',
        '1 ActivationTarget:Marketing_Cloud_Target',
        '2 CalculatedInsight:High_Value_Customers__cio',
        '2 IdentityResolution:Customer_Identity_Ruleset',
        '3 CalculatedInsight:Customer_Lifetime_Value__cio (out)',
        '3 DataModelObject:Customer__dlm (out)',
      ]);
      const tree = printed(org.ux());
      expect(tree).to.include('└─ ActivationTarget:Marketing_Cloud_Target');
      expect(tree).to.include('CalculatedInsight:Customer_Lifetime_Value__cio  (not in the kit)');
    });

    it('without --recursive lists only direct dependencies', async () => {
      const result = await DatakitComponentDependencies.run([
        '-o',
        org.username(),
        '-n',
        'Marketing_Activation',
        '-c',
        'Segment:High_Value_Segment',
      ]);
      expect(result.dependencies.map((d) => d.name)).to.deep.equal([
        'High_Value_Customers__cio',
        'Customer_Identity_Ruleset',
      ]);
    });

    it('says the API does not report dependencies for DMOs', async () => {
      const result = await DatakitComponentDependencies.run([
        '-o',
        org.username(),
        '-n',
        'Retail_Core',
        '-c',
        'DMO:Customer__dlm',
      ]);
      expect(result.dependencies).to.deep.equal([]);
      expect(printed(org.ux())).to.include('does not report dependencies for DataModelObject');
    });
  });
});
