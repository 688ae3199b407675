import type { IStreamResult, IStreamSubscriber } from '@microsoft/signalr';
import type { StreamingConnection } from '../chat/askStream';

/** A hub connection whose `Ask` streams are driven by the test. */
export class FakeConnection implements StreamingConnection {
  readonly calls: { method: string; args: unknown[] }[] = [];
  subscriber: IStreamSubscriber<unknown> | null = null;
  disposed = 0;

  stream<T = unknown>(method: string, ...args: unknown[]): IStreamResult<T> {
    this.calls.push({ method, args });
    return {
      subscribe: (s: IStreamSubscriber<T>) => {
        this.subscriber = s as IStreamSubscriber<unknown>;
        return { dispose: () => void this.disposed++ };
      },
    };
  }

  emit(item: unknown): void {
    this.subscriber?.next(item);
  }
}
