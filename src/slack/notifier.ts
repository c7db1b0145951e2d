/**
 * Posting approval messages to Slack: a thin wrapper over @slack/web-api's WebClient
 * (`chat.postMessage`). `slackApiUrl` points it elsewhere (tests use a local recorder). Retries are
 * off by default: the activity calling it is retried by Temporal instead, so one policy governs.
 */
import { WebClient } from '@slack/web-api';
import { approvalRequestMessage, ApprovalRequestView, SlackMessage } from './blocks';

export interface SlackNotifierOptions {
  /** Bot token (`xoxb-…`), from the worker's configuration. */
  token: string;
  /** Channel id where approval requests are posted. */
  channel: string;
  /** Default `https://slack.com/api/`. */
  slackApiUrl?: string;
  /** Per-request timeout (ms), default 10 s. */
  timeoutMs?: number;
  /** WebClient retries, default 0. */
  retries?: number;
}

/** Where a message landed: thread replies go under `ts`. */
export interface PostedMessage {
  channel: string;
  ts: string;
}

export class SlackNotifier {
  private readonly client: WebClient;

  constructor(private readonly options: SlackNotifierOptions) {
    this.client = new WebClient(options.token, {
      ...(options.slackApiUrl !== undefined ? { slackApiUrl: options.slackApiUrl } : {}),
      timeout: options.timeoutMs ?? 10_000,
      retryConfig: { retries: options.retries ?? 0 },
      rejectRateLimitedCalls: (options.retries ?? 0) === 0,
    });
  }

  async postApprovalRequest(view: ApprovalRequestView): Promise<PostedMessage> {
    return this.post(approvalRequestMessage(view));
  }

  /** Posts `message` in the thread of an earlier message (reminders, escalations, outcomes). */
  async postThreadReply(thread: PostedMessage, message: SlackMessage): Promise<PostedMessage> {
    return this.post(message, thread);
  }

  private async post(message: SlackMessage, thread?: PostedMessage): Promise<PostedMessage> {
    const result = await this.client.chat.postMessage({
      channel: thread?.channel ?? this.options.channel,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      ...(thread ? { thread_ts: thread.ts } : {}),
    });
    if (!result.ok || typeof result.ts !== 'string' || typeof result.channel !== 'string') {
      throw new Error(`Slack chat.postMessage failed: ${result.error ?? 'no ts/channel in the answer'}`);
    }
    return { channel: result.channel, ts: result.ts };
  }
}
