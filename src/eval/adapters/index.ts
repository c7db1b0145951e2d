export * from './types';
export { createOpenAiChatAdapter, fetchServedDigest } from './openai-chat';
export type { OpenAiChatAdapter, OpenAiChatAdapterOptions } from './openai-chat';
export { createKserveV1Adapter } from './kserve-v1';
export type { KserveV1Adapter, KserveV1AdapterOptions } from './kserve-v1';
export type { HttpCallOptions } from './http-call';
export { SseDecoder } from './sse';
