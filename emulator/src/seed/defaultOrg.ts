/*
 * A realistic Data Cloud org: four data stream bundles with their connections, DLOs, DMOs (with mappings in the
 * manifest), a batch transform, calculated insights that build on each other, an identity ruleset, segments,
 * an activation target and an activation. Dependencies say what each component needs.
 */
import type { SeedFile } from '../types.js';

export { generateCatalog } from '../state.js';

const dep = (type: string, name: string): { type: string; name: string } => ({ type, name });

export const defaultOrg: SeedFile = {
  dataSpaces: ['EMEA'],
  catalog: [
    {
      type: 'DataStreamBundle',
      name: 'Salesforce_CRM_Bundle',
      label: 'Salesforce CRM',
      connectorType: 'CRM',
      streams: [
        { devName: 'Account_Home', label: 'Account Home' },
        { devName: 'Contact_Home', label: 'Contact Home', refreshMode: 'FULL_REFRESH' },
      ],
      connection: { name: 'Salesforce_CRM', connectorType: 'CRM', authType: 'OAuth 2.0 (connected org user)' },
    },
    {
      type: 'DataStreamBundle',
      name: 'S3_Orders_Bundle',
      label: 'Orders from Amazon S3',
      connectorType: 'MORECONNECTORS',
      streams: [{ devName: 'Orders_S3', label: 'Orders S3' }],
      connection: { name: 'Orders_S3_Connection', connectorType: 'S3', authType: 'AWS access key and secret' },
    },
    {
      type: 'DataStreamBundle',
      name: 'Web_Events_Bundle',
      label: 'Web Events (Ingestion API)',
      connectorType: 'INGESTAPI',
      streams: [{ devName: 'Web_Events', label: 'Web Events' }],
      connection: {
        name: 'Web_Ingestion_Connector',
        connectorType: 'INGESTAPI',
        authType: 'Connected app (OAuth client credentials)',
      },
    },
    {
      type: 'DataStreamBundle',
      name: 'Mobile_App_Bundle',
      label: 'Mobile App Engagement',
      connectorType: 'STREAMINGAPP',
      streams: [{ devName: 'Mobile_Engagement', label: 'Mobile Engagement' }],
      connection: { name: 'Mobile_App_Connector', connectorType: 'STREAMINGAPP', authType: 'Mobile SDK tenant key' },
    },
    { type: 'DataLakeObject', name: 'Account_Home__dll', label: 'Account Home' },
    { type: 'DataLakeObject', name: 'Contact_Home__dll', label: 'Contact Home' },
    { type: 'DataLakeObject', name: 'Orders_S3__dll', label: 'Orders S3' },
    { type: 'DataLakeObject', name: 'Web_Events__dll', label: 'Web Events' },
    { type: 'DataLakeObject', name: 'Mobile_Engagement__dll', label: 'Mobile Engagement' },
    { type: 'DataLakeObject', name: 'Orders_Clean__dll', label: 'Orders Clean (transform output)' },
    { type: 'DataModelObject', name: 'Customer__dlm', label: 'Customer' },
    { type: 'DataModelObject', name: 'Sales_Order__dlm', label: 'Sales Order' },
    { type: 'DataModelObject', name: 'Web_Engagement__dlm', label: 'Web Engagement' },
    { type: 'DataTransform', name: 'Orders_Cleanup', label: 'Orders Cleanup (batch)' },
    { type: 'CalculatedInsight', name: 'Customer_Lifetime_Value__cio', label: 'Customer Lifetime Value' },
    { type: 'CalculatedInsight', name: 'High_Value_Customers__cio', label: 'High Value Customers' },
    { type: 'IdentityResolution', name: 'Customer_Identity_Ruleset', label: 'Customer Identity Ruleset' },
    { type: 'MarketSegment', name: 'High_Value_Segment', label: 'High Value Customers Segment' },
    { type: 'MarketSegment', name: 'Lapsed_Buyers_Segment', label: 'Lapsed Buyers' },
    {
      type: 'ActivationTarget',
      name: 'Marketing_Cloud_Target',
      label: 'Marketing Cloud Engagement',
      connection: { name: 'MC_Engagement', connectorType: 'Mc', authType: 'Marketing Cloud installed package (OAuth)' },
    },
    { type: 'MarketSegmentActivation', name: 'High_Value_Activation', label: 'High Value to Marketing Cloud' },
  ],
  dependencies: {
    'DataLakeObject:Account_Home__dll': [dep('DataStreamBundle', 'Salesforce_CRM_Bundle')],
    'DataLakeObject:Contact_Home__dll': [dep('DataStreamBundle', 'Salesforce_CRM_Bundle')],
    'DataLakeObject:Orders_S3__dll': [dep('DataStreamBundle', 'S3_Orders_Bundle')],
    'DataLakeObject:Web_Events__dll': [dep('DataStreamBundle', 'Web_Events_Bundle')],
    'DataLakeObject:Mobile_Engagement__dll': [dep('DataStreamBundle', 'Mobile_App_Bundle')],
    'DataModelObject:Customer__dlm': [
      dep('DataLakeObject', 'Contact_Home__dll'),
      dep('DataLakeObject', 'Account_Home__dll'),
    ],
    'DataModelObject:Sales_Order__dlm': [dep('DataLakeObject', 'Orders_Clean__dll')],
    'DataModelObject:Web_Engagement__dlm': [dep('DataLakeObject', 'Web_Events__dll')],
    'DataTransform:Orders_Cleanup': [dep('DataLakeObject', 'Orders_S3__dll')],
    'DataLakeObject:Orders_Clean__dll': [dep('DataTransform', 'Orders_Cleanup')],
    'CalculatedInsight:Customer_Lifetime_Value__cio': [
      dep('DataModelObject', 'Sales_Order__dlm'),
      dep('DataModelObject', 'Customer__dlm'),
    ],
    'CalculatedInsight:High_Value_Customers__cio': [dep('CalculatedInsight', 'Customer_Lifetime_Value__cio')],
    'IdentityResolution:Customer_Identity_Ruleset': [dep('DataModelObject', 'Customer__dlm')],
    'MarketSegment:High_Value_Segment': [
      dep('CalculatedInsight', 'High_Value_Customers__cio'),
      dep('IdentityResolution', 'Customer_Identity_Ruleset'),
    ],
    'MarketSegment:Lapsed_Buyers_Segment': [dep('CalculatedInsight', 'Customer_Lifetime_Value__cio')],
    'MarketSegmentActivation:High_Value_Activation': [
      dep('MarketSegment', 'High_Value_Segment'),
      dep('ActivationTarget', 'Marketing_Cloud_Target'),
    ],
  },
  kits: [
    {
      devName: 'Retail_Core',
      label: 'Retail Core',
      dataKitType: 'None',
      dataSpaceName: 'default',
      components: [
        {
          type: 'DataStreamBundle',
          info: {
            name: 'Salesforce_CRM_Bundle',
            label: 'Salesforce CRM',
            connectorType: 'CRM',
            streams: [
              { devName: 'Account_Home', label: 'Account Home' },
              { devName: 'Contact_Home', label: 'Contact Home', refreshMode: 'FULL_REFRESH' },
            ],
          },
        },
        {
          type: 'DataStreamBundle',
          info: {
            name: 'S3_Orders_Bundle',
            label: 'Orders from Amazon S3',
            connectorType: 'MORECONNECTORS',
            streams: [{ devName: 'Orders_S3', label: 'Orders S3' }],
          },
        },
        { type: 'DataLakeObject', info: { name: 'Account_Home__dll', label: 'Account Home' } },
        { type: 'DataLakeObject', info: { name: 'Contact_Home__dll', label: 'Contact Home' } },
        { type: 'DataLakeObject', info: { name: 'Orders_S3__dll', label: 'Orders S3' } },
        { type: 'DataTransform', info: { name: 'Orders_Cleanup', label: 'Orders Cleanup (batch)' } },
        { type: 'DataLakeObject', info: { name: 'Orders_Clean__dll', label: 'Orders Clean (transform output)' } },
        { type: 'DataModelObject', info: { name: 'Customer__dlm', label: 'Customer' } },
        { type: 'DataModelObject', info: { name: 'Sales_Order__dlm', label: 'Sales Order' } },
        { type: 'CalculatedInsight', info: { name: 'Customer_Lifetime_Value__cio', label: 'Customer Lifetime Value' } },
      ],
    },
    {
      devName: 'Marketing_Activation',
      label: 'Marketing Activation',
      dataKitType: 'Sandbox',
      dataSpaceName: 'default',
      components: [
        { type: 'CalculatedInsight', info: { name: 'High_Value_Customers__cio', label: 'High Value Customers' } },
        { type: 'IdentityResolution', info: { name: 'Customer_Identity_Ruleset', label: 'Customer Identity Ruleset' } },
        { type: 'MarketSegment', info: { name: 'High_Value_Segment', label: 'High Value Customers Segment' } },
        { type: 'ActivationTarget', info: { name: 'Marketing_Cloud_Target', label: 'Marketing Cloud Engagement' } },
        {
          type: 'MarketSegmentActivation',
          info: { name: 'High_Value_Activation', label: 'High Value to Marketing Cloud' },
        },
      ],
    },
    {
      devName: 'Web_Engagement',
      label: 'Web Engagement',
      dataKitType: 'None',
      dataSpaceName: 'default',
      components: [
        {
          type: 'DataStreamBundle',
          info: {
            name: 'Web_Events_Bundle',
            label: 'Web Events (Ingestion API)',
            connectorType: 'INGESTAPI',
            streams: [{ devName: 'Web_Events', label: 'Web Events' }],
          },
        },
        { type: 'DataLakeObject', info: { name: 'Web_Events__dll', label: 'Web Events' } },
        { type: 'DataModelObject', info: { name: 'Web_Engagement__dlm', label: 'Web Engagement' } },
      ],
    },
  ],
  deployed: [
    { kit: 'Web_Engagement', type: 'DataStreamBundle', name: 'Web_Events_Bundle', status: 'Active' },
    { kit: 'Web_Engagement', type: 'DataLakeObject', name: 'Web_Events__dll', status: 'Active' },
  ],
};

/** The default org plus 520 generated DLOs and 40 calculated insights: more than 500 available components. */
export const largeOrg: SeedFile = { ...defaultOrg, generate: { DataLakeObject: 520, CalculatedInsight: 40 } };
