/*
 * What is inside a component's templates when nobody has edited them: a segment's filters, an insight's SQL,
 * a transform's nodes, a data model object's field mappings. Deterministic from the names, so two orgs that
 * got the same kit hold the same content until a test edits one of them (POST /__emulator/content).
 * Field names follow the Metadata API guide (entityPayload, expression, sourceField/targetField); the payload
 * shapes inside the JSON fields are a GUESS modelled on the Connect API's segment, insight and transform inputs.
 */
import type { ComponentKey } from './types.js';

const stem = (name: string): string => name.replace(/__(dll|dlm|cio)$/, '');

/** DataKitObjectTemplate.entityPayload of a segment, an identity ruleset, or any other generic template. */
export function entityPayload(
  type: string,
  name: string,
  label: string,
  needs: ComponentKey[]
): Record<string, unknown> {
  const base = { type, developerName: name, label, dataSpaceName: 'default' };
  switch (type) {
    case 'MarketSegment': {
      const insight = needs.find((n) => n.type === 'CalculatedInsight')?.name ?? 'Customer_Lifetime_Value__cio';
      return {
        ...base,
        segmentOnApiName: 'Customer__dlm',
        publishSchedule: 'TwentyFour',
        criteria: {
          logic: '1 AND 2 AND 3',
          filters: [
            { field: `${insight}.total_spend__c`, operator: 'GreaterThan', value: '1000' },
            { field: 'Customer__dlm.Country__c', operator: 'Equals', value: 'US' },
            { field: 'Customer__dlm.Email_Opt_In__c', operator: 'Equals', value: 'true' },
          ],
        },
      };
    }
    case 'IdentityResolution':
      return {
        ...base,
        matchRules: [
          { name: 'Exact Email', criteria: [{ field: 'Email__c', method: 'Exact' }] },
          {
            name: 'Fuzzy Name and Phone',
            criteria: [
              { field: 'Name__c', method: 'Fuzzy' },
              { field: 'Phone__c', method: 'Exact' },
            ],
          },
        ],
        reconciliationRules: [{ field: 'Email__c', rule: 'MostRecent' }],
      };
    case 'MarketSegmentActivation':
      return { ...base, segment: needs.find((n) => n.type === 'MarketSegment')?.name, refreshType: 'Incremental' };
    default:
      return base;
  }
}

/** DataCalcInsightTemplate.expression: the insight's SQL, reading what it needs. */
export function insightExpression(needs: ComponentKey[]): string {
  const insight = needs.find((n) => n.type === 'CalculatedInsight')?.name;
  const from = insight ?? needs.find((n) => n.type === 'DataModelObject')?.name ?? 'Sales_Order__dlm';
  const measure = insight ? 'total_spend__c' : 'amount__c';
  return (
    `SELECT SUM(${from}.${measure}) AS total_spend__c, ${from}.customer_id__c AS customer_id__c ` +
    `FROM ${from} GROUP BY customer_id__c`
  );
}

/** ExtDataTranObjectTemplate definition: load, filter, write to the first lake object that needs it. */
export function transformDefinition(name: string, needs: ComponentKey[]): Record<string, unknown> {
  const input = needs.find((n) => n.type === 'DataLakeObject')?.name ?? `${stem(name)}_Input__dll`;
  return {
    version: '62.0',
    type: 'BATCH',
    nodes: {
      load: { action: 'load', parameters: { dataset: { name: input, type: 'dataLakeObject' } } },
      valid_only: {
        action: 'filter',
        sources: ['load'],
        parameters: { filterExpressions: [{ field: 'status__c', operator: 'EQUAL', value: 'VALID' }] },
      },
      save: { action: 'outputD360', sources: ['valid_only'], parameters: { name: `${stem(name)}_Output__dll` } },
    },
  };
}

/** The fields of a data model object and the lake object fields mapped onto them. */
export function modelFields(
  name: string,
  needs: ComponentKey[]
): { fields: string[]; mappings: Array<[string, string]> } {
  const source = needs.find((n) => n.type === 'DataLakeObject')?.name ?? `${stem(name)}_Source__dll`;
  const fields = ['Id__c', 'Name__c', 'Email__c'];
  return { fields, mappings: fields.map((f) => [`${source}.${f.toLowerCase()}`, `${name}.${f}`]) };
}
