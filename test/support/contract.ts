/*
 * The contract test's machinery: every field path of a wire type (enumerated with the TypeScript compiler from
 * src/api/wire.ts), and one test per field, per action (missing, null) and per command that reads it.
 */
import { join } from 'node:path';
import { expect } from 'chai';
import ts from 'typescript';
import type { SfError } from '@salesforce/core';
import type { EmulatorHandle } from '@sfdatakit/org-emulator/testing';
import type { OrgFixture } from './org.js';

export type Runner = (org: string, state: EmulatorHandle['current']['state']) => Promise<unknown>;

/** Each wire type: the emulator answer it travels in, the path of its root in that answer, and who reads it. */
export type Reader = { type: string; resource: string; root: string; run: Record<string, Runner> };

/** Every field path of a type alias in wire.ts: `a`, `a[].b`, `a.b`, following arrays and nested objects. */
const WIRE = join(process.cwd(), 'src', 'api', 'wire.ts');
let program: ts.Program | undefined;

export function fieldPaths(typeName: string): string[] {
  // wire.ts needs only the language's own types: no DOM, no @types packages (a tenth of the time)
  program ??= ts.createProgram([WIRE], { strict: true, noEmit: true, types: [], lib: ['lib.es2022.d.ts'] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(WIRE)!;
  const alias = source.statements.find(
    (s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === typeName
  );
  if (!alias) throw new Error(`${typeName} is not in wire.ts`);
  const objectParts = (t: ts.Type): ts.Type[] =>
    (t.isUnion() ? t.types : [t]).filter((x) => (x.flags & ts.TypeFlags.Object) !== 0 && !checker.isArrayType(x));
  const walk = (type: ts.Type, prefix: string, depth: number): string[] =>
    depth > 4
      ? []
      : objectParts(type).flatMap((part) =>
          checker.getPropertiesOfType(part).flatMap((prop) => {
            const path = `${prefix}${prop.name}`;
            const propType = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(prop, alias));
            const arrays = (propType.isUnion() ? propType.types : [propType]).filter((x) => checker.isArrayType(x));
            const inner = arrays.flatMap((a) =>
              checker.getTypeArguments(a as ts.TypeReference).map((e) => checker.getNonNullableType(e))
            );
            return [
              path,
              ...inner.flatMap((e) => walk(e, `${path}[].`, depth + 1)),
              ...walk(propType, `${path}.`, depth + 1),
            ];
          })
        );
  return [...new Set(walk(checker.getTypeAtLocation(alias), '', 0))];
}

/** `before` prepares each test (a runner named "resume" needs a job first, for example). */
export function contractTests(
  READERS: Reader[],
  emulator: EmulatorHandle,
  org: OrgFixture,
  before: (runner: string) => Promise<void> = async () => {}
): void {
  for (const reader of READERS) {
    for (const path of fieldPaths(reader.type)) {
      for (const action of ['drop', 'null'] as const) {
        for (const [name, run] of Object.entries(reader.run)) {
          it(`${reader.resource} ${reader.root}${path} ${action === 'drop' ? 'missing' : 'null'}: ${name} ends with a documented exit code`, async () => {
            const state = emulator.current.state;
            // a failure part-way, so error fields are there to lose too
            state.failures.push({
              dataKitName: 'Retail_Core',
              componentName: 'Orders_Cleanup',
              message: 'Transform source has no rows',
              phase: 'deploy',
            });
            await before(name);
            org.$$.setConfigStubContents('JobCache', { contents: {} });
            state.mutations = [{ resource: reader.resource, path: `${reader.root}${path}`, action }];
            let code: number;
            try {
              await run(org.username(), state);
              code = Number(process.exitCode ?? 0);
            } catch (e) {
              const err = e as SfError;
              expect(err.message, 'a message').to.be.a('string').and.not.equal('');
              expect(err.name).not.to.equal('TypeError');
              code = err.exitCode ?? 1;
            }
            expect([0, 1, 68, 69], `exit code ${code}`).to.include(code);
          });
        }
      }
    }
  }
}
