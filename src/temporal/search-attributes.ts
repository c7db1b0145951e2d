/** The typed search attributes of DESIGN §3, registered at server start so operators filter runs in the UI. */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const GatehouseModel = defineSearchAttributeKey('GatehouseModel', SearchAttributeType.KEYWORD);
export const GatehouseVersion = defineSearchAttributeKey('GatehouseVersion', SearchAttributeType.KEYWORD);
export const GatehouseEnvironment = defineSearchAttributeKey('GatehouseEnvironment', SearchAttributeType.KEYWORD);
export const GatehouseStage = defineSearchAttributeKey('GatehouseStage', SearchAttributeType.KEYWORD);
export const GatehouseOutcome = defineSearchAttributeKey('GatehouseOutcome', SearchAttributeType.KEYWORD);
export const GatehouseRequester = defineSearchAttributeKey('GatehouseRequester', SearchAttributeType.KEYWORD);

export const allSearchAttributes = [
  GatehouseModel,
  GatehouseVersion,
  GatehouseEnvironment,
  GatehouseStage,
  GatehouseOutcome,
  GatehouseRequester,
] as const;
